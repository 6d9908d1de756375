#!/usr/bin/env python3
"""Writes a synthetic vinhdanh site for benchmarks, and optionally an equivalent Hugo site.

    gen_corpus.py --profiles N --out DIR [--hugo DIR2] [--seed S]

DIR gets site.yml, content/units.yml, content/campaigns/*.md and content/profiles/<year>/<slug>.md
(no layouts/, assets/ or i18n/: build it with `--theme /work/main`). DIR2 gets a Hugo 0.111 site
with the same content and layouts that produce the same page set (see bench/README.md).
Python 3 standard library only; the output depends only on N and the seed.
"""
import argparse
import json
import os
import re
import shutil
import sys
import unicodedata
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MARKER = ".bench-corpus"
YEARS = ["2020-2021", "2021-2022", "2022-2023", "2023-2024"]

# --------------------------------------------------------------------------------------------
# Word lists.

FAMILY = [("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 5),
          ("Phan", 4), ("Vũ", 4), ("Võ", 4), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 3),
          ("Ngô", 3), ("Dương", 2), ("Lý", 2)]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Mỹ", "Ngọc", "Thu", "Thanh",
            "Kim", "Mỹ", "Bích", "Hồng", "Minh", "Phương", "Diệu", "Thùy", "Hoài", "Bảo"]
MIDDLE_M = ["Văn", "Văn", "Văn", "Minh", "Đức", "Hữu", "Quang", "Thanh", "Hoàng", "Công", "Quốc",
            "Tuấn", "Ngọc", "Trọng", "Xuân", "Văn Hữu", "Đình", "Chí", "Bảo", "Tấn"]
GIVEN_F = ["Hoa", "Lan", "Hương", "Thảo", "Trang", "Ngọc", "Hà", "Linh", "Nhung", "Yến", "Oanh",
           "Loan", "Thủy", "Thúy", "Phượng", "Hạnh", "Huyền", "Dung", "Tâm", "Nga", "Vân", "Duyên",
           "Hằng", "Liên", "Mai", "Nguyệt", "Quyên", "Tuyết", "Xuân", "Ánh", "Diễm", "Giang",
           "Hiền", "Khánh", "My", "Nhi", "Quỳnh", "Trâm", "Uyên", "Vy", "Ngân", "Thư", "Phương",
           "Châu", "Đào", "Lụa", "Ý", "Ân", "Hồng", "Thắm"]
GIVEN_M = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khải", "Khoa",
           "Lâm", "Long", "Luân", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài",
           "Tâm", "Thắng", "Thành", "Thiện", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Vũ",
           "Phước", "Lộc", "Hậu", "Nhân", "Danh", "Lợi", "Hưng", "Đông", "Khang", "Quý", "Sang",
           "Tú", "Ân", "Đức", "Định", "Thông", "Ước"]

PLACES = ["Tân Phú", "Hòa Bình", "An Lạc", "Phú Mỹ", "Long Thạnh", "Vĩnh Thuận", "Bình Minh",
          "Thạnh Lợi", "Tràm Chim", "Mỹ An", "Hòa Lạc", "Tân Hiệp", "Phước Long", "Đông Hòa",
          "Nhơn Trạch", "Thới Bình", "Hưng Phú", "Cẩm Giang", "Long Thượng", "Phú Thọ", "Gò Quao",
          "An Biên", "Hòn Đất", "Vĩnh Hòa", "Tân Thành", "Bình An", "Mỹ Xuyên", "Lộc Ninh",
          "Đồng Xoài", "Cao Thắng", "Hồng Hà", "Yên Thế", "Quang Trung", "Nguyễn Du",
          "Lê Quý Đôn", "Trần Quốc Toản", "Võ Thị Sáu", "Kim Đồng", "Hoa Sen", "Sơn Ca",
          "Họa Mi", "Tuổi Thơ", "Phong Điền", "Ngã Năm", "Cái Nước", "Đầm Dơi", "Năm Căn", "Ea Kar"]
DISTRICTS = ["Tam Nông", "Vĩnh Thuận", "Cần Giuộc", "Hòn Đất", "Lộc Ninh", "Bù Đăng", "Thanh Bình",
             "Châu Thành", "Phú Tân", "Long Hồ", "Mỏ Cày", "Tân Hồng"]
LEVELS = [("Trường Mầm non", "MN", "mn"), ("Trường Tiểu học", "TH", "th"),
          ("Trường THCS", "THCS", "thcs"), ("Trường THPT", "THPT", "thpt")]
SUBJECTS = {
    "mn": ["Giáo dục mầm non"],
    "th": ["Tiếng Việt", "Toán", "Tiếng Anh", "Tin học", "Âm nhạc", "Mĩ thuật", "Giáo dục thể chất"],
    "thcs": ["Ngữ văn", "Toán", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí", "Tin học",
             "Giáo dục công dân", "Công nghệ", "Giáo dục thể chất"],
    "thpt": ["Ngữ văn", "Toán", "Tiếng Anh", "Vật lí", "Hóa học", "Sinh học", "Lịch sử", "Địa lí",
             "Tin học", "Giáo dục kinh tế và pháp luật"],
}
GRADES = {"mn": ["Mầm", "Chồi", "Lá"], "th": ["1", "2", "3", "4", "5"], "thcs": ["6", "7", "8", "9"],
          "thpt": ["10", "11", "12"]}
TEAMS = {"mn": ["Tổ chuyên môn Mẫu giáo", "Tổ Nhà trẻ", "Tổ Văn phòng"],
         "th": ["Tổ chuyên môn khối 1", "Tổ chuyên môn khối 2 - 3", "Tổ chuyên môn khối 4 - 5",
                "Tổ Văn phòng"],
         "thcs": ["Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên", "Tổ Ngoại ngữ",
                  "Tổ Văn phòng"],
         "thpt": ["Tổ Toán", "Tổ Ngữ văn", "Tổ Vật lí - Công nghệ", "Tổ Hóa - Sinh", "Tổ Ngoại ngữ",
                  "Tổ Sử - Địa - Giáo dục kinh tế và pháp luật"]}
TAGS = ["đổi mới phương pháp", "chuyển đổi số", "sáng kiến kinh nghiệm", "giáo dục hòa nhập",
        "bồi dưỡng học sinh giỏi", "công tác chủ nhiệm", "kỹ năng sống", "thư viện thân thiện",
        "giáo dục STEM", "phụ đạo học sinh yếu"]

INDIVIDUAL_AWARDS = [("lao-dong-tien-tien", 50), ("chien-si-thi-dua-co-so", 25), ("giay-khen", 17),
                     ("bang-khen-chu-tich-ubnd-tinh", 8)]
COLLECTIVE_AWARDS = [("tap-the-lao-dong-tien-tien", 55), ("tap-the-lao-dong-xuat-sac", 30),
                     ("giay-khen", 15)]
PROVINCE = "Hòa An"  # a fictional province
DEPARTMENT = {"id": "sgd-hoa-an", "name": "Sở Giáo dục và Đào tạo tỉnh Hòa An",
              "short_name": "Sở GD&ĐT Hòa An", "kind": "department",
              "address": "Phường Trung Tâm, tỉnh Hòa An"}

# --------------------------------------------------------------------------------------------
# Text pools. {X}: the honouree as the sentence's object ("cô Hoa", "thầy Tuấn", "tổ");
# {Xc}: the same at the start of a sentence.

SENTENCES = [
    "{Xc} về công tác tại {truong} từ năm {y0}, khi cơ sở vật chất của trường còn nhiều thiếu thốn.",
    "Những ngày đầu, phòng học chỉ có bảng đen, phấn trắng và vài bộ bàn ghế đã cũ.",
    "{Xc} luôn tâm niệm rằng mỗi học sinh là một cá thể riêng, cần được lắng nghe và tôn trọng.",
    "Năm học {nam}, {X} chủ động đề xuất đổi mới cách tổ chức tiết học theo hướng phát triển phẩm chất, năng lực.",
    "Mỗi tuần, {X} dành ít nhất hai buổi chiều để phụ đạo miễn phí cho những học sinh còn chậm.",
    "Nhờ kiên trì, tỷ lệ học sinh hoàn thành tốt nội dung môn học tăng từ {p1}% lên {p2}%.",
    "{Xc} phối hợp chặt chẽ với cha mẹ học sinh qua nhóm liên lạc của lớp và các buổi họp định kỳ.",
    "Không ít lần, {X} đạp xe vào tận các ấp xa để vận động học sinh bỏ học quay lại lớp.",
    "Các tiết dạy của {X} được đồng nghiệp dự giờ, góp ý và đánh giá xếp loại tốt.",
    "{Xc} xây dựng kho học liệu số gồm {n} bài giảng điện tử, phiếu học tập và video minh họa.",
    "Học sinh được khuyến khích đặt câu hỏi, làm việc nhóm và tự trình bày kết quả trước lớp.",
    "Trong phong trào thi đua của ngành, {X} luôn là người đi đầu, sẵn sàng nhận những việc khó.",
    "Sáng kiến của {X} được Hội đồng khoa học nhà trường công nhận và áp dụng cho nhiều khối lớp.",
    "Góc thư viện lớp học do {X} vận động xây dựng hiện có hơn {n} đầu sách.",
    "Mùa mưa bão năm ấy, {X} cùng đồng nghiệp dọn dẹp trường lớp để học sinh kịp trở lại học.",
    "{Xc} thường nói vui rằng nghề giáo là nghề gieo hạt, phải kiên nhẫn mới thấy mùa.",
    "Học sinh do {X} bồi dưỡng đạt {k} giải trong kỳ thi học sinh giỏi cấp huyện.",
    "Ngoài giờ lên lớp, {X} tham gia tích cực các hoạt động của Công đoàn và Đoàn Thanh niên.",
    "{Xc} hoàn thành tốt chương trình bồi dưỡng thường xuyên và các khóa tập huấn về chuyển đổi số.",
    "Các bài kiểm tra được thiết kế theo bốn mức độ: nhận biết, thông hiểu, vận dụng và vận dụng cao.",
    "Phụ huynh tin tưởng, học sinh quý mến, đồng nghiệp nể phục: đó là điều {X} trân trọng nhất.",
    "Năm nào lớp do {X} phụ trách cũng duy trì sĩ số 100%, không có học sinh vi phạm nội quy.",
    "{Xc} đã hướng dẫn {k} giáo viên trẻ làm quen với công việc chủ nhiệm và soạn giảng.",
    "Mỗi tiết học của {X} đều bắt đầu bằng một câu chuyện nhỏ gắn với đời sống quanh trường.",
    "Trong những tuần dạy học trực tuyến, {X} soạn riêng tài liệu in cho các em không có thiết bị.",
    "{Xc} tổ chức câu lạc bộ đọc sách vào sáng thứ Bảy, thu hút đều đặn {n} học sinh tham gia.",
    "Những buổi sinh hoạt chuyên môn theo nghiên cứu bài học giúp cả tổ nhìn lại từng hoạt động của học sinh.",
    "Kết quả đánh giá cuối năm cho thấy chất lượng giáo dục của lớp đứng đầu khối.",
    "Từ những học sinh rụt rè, nhiều em đã mạnh dạn phát biểu và tham gia các cuộc thi của trường.",
    "{Xc} cũng là người tích cực vận động quyên góp áo ấm, sách vở cho học sinh có hoàn cảnh khó khăn.",
    "Mô hình “lớp học hạnh phúc” được {X} triển khai từ đầu năm học và lan tỏa sang các lớp khác.",
    "Dù bận rộn, {X} vẫn dành thời gian tự học để nâng cao trình độ tin học và ngoại ngữ.",
    "Đồng nghiệp nhận xét {X} là người cẩn trọng, chu đáo và luôn sẵn lòng chia sẻ kinh nghiệm.",
    "Ban giám hiệu {truong} đánh giá cao tinh thần trách nhiệm và sự sáng tạo của {X}.",
    "Năm học {nam} khép lại với nhiều kết quả đáng ghi nhận của {X} và học trò.",
    "Phần mềm quản lý học tập giúp {X} theo dõi tiến bộ của từng học sinh hằng tuần.",
    "Các buổi trải nghiệm ngoài trời được {X} thiết kế gắn với nội dung bài học trên lớp.",
    "{Xc} có tiết dạy minh họa cấp cụm và được đồng nghiệp trong huyện đến dự, học hỏi.",
    "Hội thi đồ dùng dạy học tự làm năm ấy, sản phẩm của {X} đạt giải nhì cấp huyện.",
    "Với học sinh khuyết tật học hòa nhập, {X} xây dựng kế hoạch giáo dục cá nhân cho từng em.",
    "Cuối mỗi học kỳ, {X} viết thư cho từng gia đình, ghi lại điểm mạnh và điều con cần cố gắng.",
    "Bài học kinh nghiệm của {X} được chia sẻ tại hội nghị chuyên đề cấp huyện.",
    "Phong trào “Mỗi ngày đến trường là một ngày vui” được {X} cụ thể hóa bằng những việc làm nhỏ.",
    "Tiết chào cờ đầu tuần do {X} phụ trách luôn có tiết mục văn nghệ và một câu chuyện về Bác Hồ.",
    "Những con số ấy là kết quả của sự bền bỉ, không phải của một sớm một chiều.",
    "Có năm, {X} nhận dạy thay cho đồng nghiệp nghỉ sinh suốt ba tháng mà không để lớp nào chậm chương trình.",
    "Bảng tin của lớp được {X} đổi mới hằng tháng, ghi tên những học sinh có tiến bộ rõ rệt.",
    "{Xc} vận động nhà hảo tâm trao {k} suất học bổng cho học sinh nghèo vượt khó.",
    "Tiết học trải nghiệm làm vườn rau sạch trở thành hoạt động được học sinh mong chờ nhất trong tuần.",
    "Cách làm ấy sau đó được {truong} nhân rộng, trở thành nền nếp của nhiều tổ chuyên môn.",
]
HEADINGS = ["Hành trình gắn bó với nghề", "Đổi mới phương pháp dạy học", "Những con số biết nói",
            "Kết quả qua hai năm học", "Người truyền lửa cho học trò", "Chuyển đổi số trong từng tiết học",
            "Gần gũi với cha mẹ học sinh", "Lan tỏa cách làm hay", "Đồng hành cùng học sinh khó khăn",
            "Nhìn lại một năm học", "Sáng kiến từ thực tế lớp học", "Giữ lửa nghề ở vùng khó"]
LIST_ITEMS = [
    "Tổ chức dạy học theo nhóm nhỏ, mỗi nhóm có một nhóm trưởng luân phiên.",
    "Xây dựng ngân hàng {n} câu hỏi kiểm tra trực tuyến dùng chung cho cả khối.",
    "Duy trì lớp phụ đạo miễn phí vào chiều thứ Bảy hằng tuần.",
    "Thiết kế phiếu học tập phân hóa theo ba mức độ.",
    "Lập nhóm liên lạc với cha mẹ học sinh, phản hồi ý kiến trong ngày.",
    "Đưa trò chơi học tập vào phần khởi động của mỗi tiết học.",
    "Tham gia biên soạn tài liệu giáo dục địa phương của tỉnh.",
    "Hướng dẫn học sinh nghiên cứu khoa học kỹ thuật, có {k} sản phẩm dự thi cấp tỉnh.",
    "Tổ chức chuyên đề cấp trường về dạy học STEM.",
    "Vận động {n} bộ sách giáo khoa cũ tặng học sinh khó khăn.",
    "Số hóa hồ sơ chuyên môn, sổ điểm và kế hoạch bài dạy.",
    "Kèm cặp {k} giáo viên mới ra trường trong năm đầu công tác.",
    "Phối hợp với Đoàn Thanh niên tổ chức ngày hội đọc sách.",
    "Xây dựng góc học tập xanh trong khuôn viên trường.",
    "Theo dõi tiến bộ của học sinh bằng sổ tay điện tử hằng tuần.",
    "Dạy **kỹ năng tự học** qua các phiếu hướng dẫn ngắn, dễ làm theo.",
]
TABLE_ROWS = [("Học sinh hoàn thành tốt nội dung học tập", "%"), ("Học sinh giỏi cấp huyện", ""),
              ("Học sinh giỏi cấp tỉnh", ""), ("Tiết dạy xếp loại tốt", ""),
              ("Tỷ lệ chuyên cần", "%"), ("Bài giảng điện tử dùng chung", ""),
              ("Học sinh tham gia câu lạc bộ", ""), ("Sáng kiến được công nhận", "")]
QUOTES = [
    "“Dạy chữ trước hết là dạy người”, {X} chia sẻ.",
    "“Học trò tiến bộ một chút mỗi ngày là mình vui cả tuần”, {X} nói.",
    "“Làm chung thì mỗi người đỡ một phần, mà học trò được nhiều hơn”, {X} tâm sự.",
    "“Không có học sinh kém, chỉ có học sinh chưa được giúp đúng cách”, {X} khẳng định.",
    "“Mình chỉ làm những việc nhỏ, nhưng làm đến nơi đến chốn”, {X} cười.",
    "“Còn đứng lớp ngày nào thì còn phải học ngày ấy”, {X} nói.",
]
SUMMARY_PARTS = [
    "tỷ lệ học sinh hoàn thành tốt nội dung học tập tăng từ {p1}% lên {p2}%",
    "{k} học sinh giỏi cấp huyện",
    "giáo viên dạy giỏi cấp trường",
    "sáng kiến kinh nghiệm được công nhận cấp huyện",
    "duy trì sĩ số 100%",
    "xây dựng {n} bài giảng điện tử dùng chung",
    "phụ đạo miễn phí cho {k} học sinh chưa hoàn thành",
    "{k} sản phẩm nghiên cứu khoa học kỹ thuật dự thi cấp tỉnh",
    "vận động {n} bộ sách giáo khoa tặng học sinh khó khăn",
]
SUMMARY_LEADS = ["{Y} năm đứng lớp, đi đầu đổi mới phương pháp dạy học",
                 "Hoàn thành xuất sắc nhiệm vụ năm học {nam}",
                 "Gương mẫu, tận tụy, được học sinh và cha mẹ học sinh tin yêu",
                 "Tích cực ứng dụng công nghệ thông tin trong dạy học",
                 "Đi đầu trong phong trào thi đua “Dạy tốt, học tốt”"]

CAMPAIGN_KINDS = [
    ("thi-dua-yeu-nuoc", "Phát động phong trào thi đua yêu nước năm học {nam}",
     "Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ năm học {nam}"),
    ("day-tot-hoc-tot", "Phát động phong trào thi đua “Dạy tốt, học tốt” và chuyển đổi số năm học {nam}",
     "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"),
]
CAMPAIGN_PARAS = [
    "Tạo khí thế thi đua sôi nổi trong toàn ngành, phát huy sức mạnh tổng hợp, khai thác và sử dụng hiệu quả các nguồn lực để hoàn thành các chỉ tiêu, nhiệm vụ năm học.",
    "Nâng cao chất lượng công tác khen thưởng, bảo đảm chính xác, công khai, minh bạch, kịp thời, thực hiện đúng Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành.",
    "Thông qua phong trào thi đua, phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến, các mô hình mới, cách làm hay trong dạy học và quản lý giáo dục.",
    "Phong trào thi đua phải được phát động sâu rộng, có nội dung thiết thực, gắn với nhiệm vụ chính trị của từng đơn vị, tránh phô trương, hình thức.",
    "Kết thúc mỗi đợt thi đua phải kịp thời sơ kết, tổng kết để rút kinh nghiệm, biểu dương và khen thưởng những tập thể, cá nhân tiêu biểu.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý, dạy học và kiểm tra, đánh giá; triển khai hồ sơ điện tử, sổ điểm điện tử và học bạ số.",
    "Tiếp tục thực hiện có hiệu quả Chương trình giáo dục phổ thông 2018, đổi mới phương pháp dạy học theo hướng phát triển phẩm chất, năng lực người học.",
    "Thi đua xây dựng trường học an toàn, thân thiện, bình đẳng; phòng, chống bạo lực học đường; giáo dục kỹ năng sống và đạo đức, lối sống cho học sinh.",
    "Quan tâm học sinh có hoàn cảnh khó khăn, học sinh khuyết tật học hòa nhập; duy trì sĩ số, giảm tỷ lệ học sinh bỏ học giữa chừng.",
    "Người đứng đầu các đơn vị chịu trách nhiệm tổ chức phong trào thi đua tại đơn vị, theo dõi, đôn đốc và đánh giá kết quả thực hiện.",
    "Công đoàn, Đoàn Thanh niên phối hợp tuyên truyền, vận động đoàn viên, thanh niên hưởng ứng phong trào, đề xuất khen thưởng những người có thành tích.",
]
CAMPAIGN_ITEMS = [
    "Tổ chức dạy học hai buổi/ngày ở những nơi đủ điều kiện",
    "Bồi dưỡng giáo viên về kỹ năng số và khai thác học liệu điện tử",
    "Xây dựng thư viện thân thiện, thư viện số dùng chung",
    "Tổ chức hội thi giáo viên dạy giỏi, giáo viên chủ nhiệm giỏi các cấp",
    "Phát hiện, bồi dưỡng học sinh giỏi, học sinh có năng khiếu",
    "Thực hiện nghiêm quy chế chuyên môn, quy chế thi, kiểm tra",
    "Xây dựng trường chuẩn quốc gia, kiểm định chất lượng giáo dục",
    "Thực hành tiết kiệm, chống lãng phí trong chi tiêu và sử dụng tài sản công",
]


# --------------------------------------------------------------------------------------------
# Helpers.

def slugify(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~][^\n#:]*$")


def y(s):
    """A YAML scalar for a string: plain where that is unambiguous, else double-quoted."""
    s = str(s)
    if _PLAIN.match(s) and not s.endswith(" ") and s.lower() not in ("yes", "no", "true", "false", "null", "on", "off"):
        return s
    if re.match(r"^[0-9][0-9/]*/[^\s:#]*$", s):  # decision numbers: 1234/QĐ-UBND
        return s
    return json.dumps(s, ensure_ascii=False)


def flow(items):
    return "[" + ", ".join(y(i) for i in items) + "]"


def pick_weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.uniform(0, total)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def vn_num(x):
    """82.5 -> '82,5' (Vietnamese decimal comma)."""
    return f"{x:.1f}".replace(".", ",")


def year_bounds(school_year):
    a, b = school_year.split("-")
    return int(a), int(b)


def date_in(rng, year, m0, d0, m1, d1):
    """A random ISO date between (year, m0, d0) and (year, m1, d1), inclusive, no Feb-30 nonsense."""
    import datetime
    lo = datetime.date(year, m0, d0).toordinal()
    hi = datetime.date(year, m1, d1).toordinal()
    return datetime.date.fromordinal(rng.randint(lo, hi)).isoformat()


def fill(rng, template, ctx):
    vals = dict(ctx)
    p1 = rng.randint(55, 80)
    vals.update(p1=p1, p2=min(99, p1 + rng.randint(5, 18)), n=rng.randint(30, 400),
                k=rng.randint(2, 12), y0=ctx["y0"])
    return template.format(**vals)


# --------------------------------------------------------------------------------------------
# The model (plain dicts), shared by both writers.

def make_units(rng, n_profiles):
    n = max(10, round(n_profiles / 40))
    units, used = [], set()
    for i in range(1, n + 1):
        level, short, code = LEVELS[(i - 1) % len(LEVELS)] if i <= 4 else rng.choice(LEVELS)
        place = rng.choice(PLACES)
        base = f"{level} {place}"
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base} {k}"
        used.add(name)
        district = rng.choice(DISTRICTS)
        staff, s = {}, rng.randint(18, 85)
        for yr in YEARS:
            s = max(10, s + rng.randint(-3, 4))
            staff[yr] = s
        units.append({"id": f"u-{i:04d}", "name": name, "short_name": name.replace(level, short, 1),
                      "kind": "school", "level": code, "parent": DEPARTMENT["id"],
                      "address": f"Xã {place}, huyện {district}, tỉnh {PROVINCE}", "staff": staff,
                      "district": district})
    return units


def make_campaigns(rng):
    campaigns = []
    for yr in YEARS:
        a, b = year_bounds(yr)
        for j, (stem, title, theme) in enumerate(CAMPAIGN_KINDS):
            cid = f"{stem}-{yr}"
            date = date_in(rng, a, 9, 5, 9, 25) if j == 0 else date_in(rng, a, 10, 1, 10, 20)
            c = {"id": cid, "title": title.format(nam=yr), "number": f"{rng.randint(1000, 3999)}/KH-SGDĐT",
                 "issuer": DEPARTMENT["id"], "place": PROVINCE, "date": date, "school_year": yr,
                 "theme": theme.format(nam=yr)}
            if j == 0:
                c["parent"] = {"document": f"{rng.randint(10, 99)}/KH-UBND",
                               "title": f"Phát động phong trào thi đua yêu nước năm {a + 1}",
                               "date": date_in(rng, a, 8, 1, 8, 28), "issuer": f"Ủy ban nhân dân tỉnh {PROVINCE}"}
            else:
                c["parent"] = {"campaign": f"thi-dua-yeu-nuoc-{yr}"}
            law = ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" if a >= 2023 else
                   "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 và các Luật sửa đổi, bổ sung")
            decree = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
                      if a >= 2024 else
                      "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng")
            c["basis"] = [
                law,
                decree,
                f"Căn cứ nhiệm vụ năm học {yr} của ngành Giáo dục và Đào tạo tỉnh {PROVINCE}",
            ]
            c["scope"] = f"Các đơn vị trực thuộc Sở Giáo dục và Đào tạo tỉnh {PROVINCE}"
            c["subjects"] = ["Cán bộ quản lý, giáo viên, nhân viên các trường học",
                             "Các tổ chuyên môn, tổ văn phòng", "Các phòng chuyên môn thuộc Sở"]
            c["targets"] = [
                {"label": "Giáo viên đạt chuẩn nghề nghiệp mức khá trở lên", "value": 90, "unit": "%",
                 "reported": rng.randint(86, 97)},
                {"label": "Trường học triển khai học bạ số", "value": 100, "unit": "%",
                 "reported": rng.randint(80, 100)},
                {"label": "Sáng kiến được công nhận cấp tỉnh", "value": 40, "unit": "",
                 "reported": rng.randint(25, 60)},
            ]
            c["timeline"] = [
                {"date": date, "label": f"Phát động phong trào thi đua năm học {yr}", "kind": "launch"},
                {"date": date_in(rng, b, 1, 10, 1, 25), "label": "Sơ kết phong trào thi đua học kỳ I", "kind": "review"},
                {"date": date_in(rng, b, 5, 10, 5, 25), "label": "Các đơn vị gửi hồ sơ đề nghị khen thưởng về Sở (qua Văn phòng)", "kind": "deadline"},
                {"date": date_in(rng, b, 7, 10, 7, 31), "label": f"Tổng kết năm học {yr} và phong trào thi đua", "kind": "final"},
            ]
            c["standards"] = [
                {"award": "lao-dong-tien-tien", "text": "Hoàn thành tốt nhiệm vụ được giao, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước"},
                {"award": "chien-si-thi-dua-co-so", "text": "Đạt danh hiệu “Lao động tiên tiến” và có sáng kiến được công nhận", "quota": "không quá 15% số cá nhân đạt danh hiệu “Lao động tiên tiến”"},
                {"award": "tap-the-lao-dong-xuat-sac", "text": "Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ, 100% cá nhân hoàn thành nhiệm vụ"},
            ]
            c["signer"] = {"prefix": "KT.", "position": "GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
                           "name": f"{pick_weighted(rng, FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"}
            c["tags"] = ["phát động thi đua", rng.choice(TAGS)]
            c["body"] = campaign_body(rng, c)
            campaigns.append(c)
    return campaigns


def campaign_body(rng, c):
    paras = list(CAMPAIGN_PARAS)
    rng.shuffle(paras)
    items = list(CAMPAIGN_ITEMS)
    rng.shuffle(items)
    parent = c["parent"]
    ref = (f"Kế hoạch số {parent['document']} của {parent['issuer']}" if "document" in parent
           else "kế hoạch phát động phong trào thi đua yêu nước của ngành")
    out = [f"Thực hiện {ref} về công tác thi đua, khen thưởng năm học {c['school_year']}, Sở Giáo dục và Đào tạo tỉnh {PROVINCE} xây dựng kế hoạch với nội dung cụ thể như sau:",
           "## I. MỤC ĐÍCH - YÊU CẦU", "### 1. Mục đích", paras[0], paras[1], "### 2. Yêu cầu", paras[2], paras[3],
           "## II. NỘI DUNG THI ĐUA",
           "\n".join(f"{i + 1}. {t}." for i, t in enumerate(items[:6])),
           paras[4], paras[5],
           "## III. CHỈ TIÊU VÀ DANH HIỆU",
           "| danh hiệu | đối tượng | tỷ lệ tối đa |\n|---|---|---|\n| Lao động tiên tiến | cá nhân | 80% |\n| Chiến sĩ thi đua cơ sở | cá nhân | 15% |\n| Tập thể lao động xuất sắc | tập thể | 20% |",
           "## IV. TỔ CHỨC THỰC HIỆN", paras[6], paras[7], paras[8],
           "Trên đây là kế hoạch phát động phong trào thi đua của Sở Giáo dục và Đào tạo./.",
           "**Nơi nhận:**", "- Ủy ban nhân dân tỉnh (để báo cáo);\n- Các đơn vị trực thuộc (thực hiện);\n- Lưu: VT, TĐKT."]
    return "\n\n".join(out) + "\n"


def make_name(rng, female):
    fam = pick_weighted(rng, FAMILY)
    if female:
        return fam, rng.choice(MIDDLE_F), rng.choice(GIVEN_F)
    return fam, rng.choice(MIDDLE_M), rng.choice(GIVEN_M)


def story(rng, ctx, collective, unit, year):
    """A ~3.5 KB Markdown story: paragraphs, two '## ' headings, a bulleted list, a small table."""
    target = rng.randint(3300, 3800)
    pool = list(SENTENCES)
    rng.shuffle(pool)
    it = iter(pool * 3)

    def para(k):
        return " ".join(fill(rng, next(it), ctx) for _ in range(k))

    h1, h2 = rng.sample(HEADINGS, 2)
    items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
    a, b = year_bounds(year)
    prev = f"{a - 1}-{a}"
    rows = rng.sample(TABLE_ROWS, 3)
    table = [f"| Chỉ số | {prev} | {year} |", "|---|---:|---:|"]
    for label, u in rows:
        if u == "%":
            v0 = rng.uniform(60, 88)
            table.append(f"| {label} | {vn_num(v0)}% | {vn_num(min(99.9, v0 + rng.uniform(2, 10)))}% |")
        else:
            v0 = rng.randint(0, 30)
            table.append(f"| {label} | {v0} | {v0 + rng.randint(1, 12)} |")
    head = [para(3), para(2), f"## {h1}", para(3),
            "\n".join("- " + fill(rng, t, ctx) for t in items), para(2), f"## {h2}", para(2), "\n".join(table)]
    tail = [fill(rng, rng.choice(QUOTES), ctx)]
    parts = head + tail
    text = "\n\n".join(parts)
    extra = []
    while len(text.encode()) < target:  # lengthen the last section to reach ~3.5 KB
        extra.append(para(2))
        text = "\n\n".join(head[:-1] + extra + [head[-1]] + tail)
    return text + "\n"


def make_profiles(rng, n, units, campaigns):
    by_year = {yr: [c for c in campaigns if c["school_year"] == yr] for yr in YEARS}
    used = {yr: set() for yr in YEARS}
    profiles = []
    for i in range(n):
        yr = YEARS[i % len(YEARS)] if i < len(YEARS) else rng.choice(YEARS)
        a, b = year_bounds(yr)
        unit = rng.choice(units)
        lvl = unit["level"]
        collective = rng.random() < 0.10
        p = {"school_year": yr, "unit": unit["id"]}
        if collective:
            if rng.random() < 0.25:
                name = unit["name"]
            elif lvl != "mn" and rng.random() < 0.3:
                name = f"Tập thể lớp {rng.choice(GRADES[lvl])}A{rng.randint(1, 6)} {unit['name']}"
            else:
                name = f"{rng.choice(TEAMS[lvl])} {unit['name']}"
            p.update(name=name, kind="collective")
            ctx = {"X": "tập thể", "Xc": "Tập thể", "truong": unit["name"], "nam": yr, "y0": rng.randint(1995, a - 3)}
            awards = [pick_weighted(rng, COLLECTIVE_AWARDS)]
            if rng.random() < 0.3:
                awards.append(rng.choice([x for x, _ in COLLECTIVE_AWARDS if x != awards[0]]))
            subj = None
        else:
            female = rng.random() < 0.7
            fam, mid, giv = make_name(rng, female)
            name = f"{fam} {mid} {giv}"
            p.update(name=name, kind="individual")
            who = ("cô " if female else "thầy ") + giv
            ctx = {"X": who, "Xc": who[0].upper() + who[1:], "truong": unit["name"], "nam": yr,
                   "y0": rng.randint(1990, a - 1)}
            awards = [pick_weighted(rng, INDIVIDUAL_AWARDS)]
            if rng.random() < 0.35:
                awards.append(rng.choice([x for x, _ in INDIVIDUAL_AWARDS if x != awards[0]]))
            subj = rng.choice(SUBJECTS[lvl])
            r = rng.random()
            if lvl == "mn":
                p["position"] = f"Giáo viên lớp {rng.choice(GRADES['mn'])} {rng.randint(1, 4)}"
            elif r < 0.5:
                p["position"] = f"Giáo viên chủ nhiệm lớp {rng.choice(GRADES[lvl])}A{rng.randint(1, 6)}"
            elif r < 0.75:
                p["position"] = f"Giáo viên {subj}"
            elif r < 0.85:
                p["position"] = "Tổ trưởng chuyên môn"
            elif r < 0.92:
                p["position"] = rng.choice(["Phó Hiệu trưởng", "Hiệu trưởng"])
            else:
                p["position"] = rng.choice(["Nhân viên thư viện", "Tổng phụ trách Đội", "Nhân viên kế toán"])
            if p["position"].startswith(("Giáo viên", "Tổ trưởng")):
                p["subject"] = subj
            p["teaching_years"] = max(1, min(38, a - ctx["y0"]))
        slug = slugify(name)
        s, k = slug, 1
        while s in used[yr]:
            k += 1
            s = f"{slug}-{k}"
        used[yr].add(s)
        p["slug"] = s
        cs = by_year[yr]
        p["campaigns"] = [c["id"] for c in cs] if rng.random() < 0.4 else [rng.choice(cs)["id"]]
        grants = []
        for aw in awards:
            if aw in ("lao-dong-tien-tien", "tap-the-lao-dong-tien-tien"):
                issuer = f"Hiệu trưởng {unit['name']}"
                suffix = "QĐ-" + "".join(w[0] for w in slugify(unit["short_name"]).split("-")).upper()
            elif aw == "chien-si-thi-dua-co-so" or aw == "giay-khen":
                issuer = f"Chủ tịch UBND huyện {unit['district']}"
                suffix = "QĐ-UBND"
            else:
                issuer = f"Chủ tịch UBND tỉnh {PROVINCE}"
                suffix = "QĐ-UBND"
            grants.append({"award": aw, "decision": {"number": f"{rng.randint(100, 2999)}/{suffix}",
                                                     "date": date_in(rng, b, 5, 20, 8, 25), "issuer": issuer}})
        p["awards"] = grants
        parts = rng.sample(SUMMARY_PARTS, 3)
        lead = rng.choice(SUMMARY_LEADS if not collective else SUMMARY_LEADS[1:])
        sctx = dict(ctx, Y=str(p.get("teaching_years", 10)).capitalize())
        summ = fill(rng, lead, sctx) + "; " + "; ".join(fill(rng, t, sctx) for t in parts) + "."
        p["summary"] = summ[0].upper() + summ[1:]
        p["tags"] = rng.sample(TAGS, 2)
        p["consent"] = True
        p["body"] = story(rng, ctx, collective, unit, yr)
        p["honoured"] = max(g["decision"]["date"] for g in grants)
        p["name_key"] = name_key(name, collective)
        profiles.append(p)
    return profiles


def name_key(name, collective):
    """Vietnamese name order (given name first) for Hugo's sort; vinhdanh computes its own."""
    words = name.split()
    if collective or len(words) < 2:
        return slugify(name)
    return slugify(" ".join([words[-1]] + words[:-1]))


def load_awards():
    """The built-in award catalogue (id, name, type, level, rank, applies_to, standard)."""
    path = os.path.join(REPO, "generator", "model", "default_awards.yml")
    awards, cur, in_std = [], None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^- id: (\S+)", line)
            if m:
                cur = {"id": m.group(1), "standard": ""}
                awards.append(cur)
                in_std = False
                continue
            if cur is None:
                continue
            if in_std:
                if line.startswith("    ") or line == "":
                    cur["standard"] += line[4:] + "\n"
                    continue
                in_std = False
            m = re.match(r"^  (\w+): ?(.*)$", line)
            if m:
                k, v = m.group(1), m.group(2)
                if k == "standard" and v.strip() == "|":
                    in_std = True
                elif k == "applies_to":
                    cur[k] = [x.strip() for x in v.strip("[]").split(",")]
                elif k == "rank":
                    cur[k] = int(v)
                else:
                    cur[k] = v.strip().strip('"')
    for a in awards:
        a["standard"] = a["standard"].strip() + "\n"
    return awards


# --------------------------------------------------------------------------------------------
# Writers.

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(dir_):
    if os.path.exists(dir_):
        if os.listdir(dir_) and not os.path.exists(os.path.join(dir_, MARKER)):
            sys.exit(f"gen_corpus: {dir_} exists and was not written by gen_corpus.py; refusing to replace it")
        shutil.rmtree(dir_)
    os.makedirs(dir_)
    write(os.path.join(dir_, MARKER), "generated by bench/gen_corpus.py\n")


def site_keys():
    """The text of the repository's site.yml (its keys are copied into the benchmark sites)."""
    with open(os.path.join(REPO, "site.yml"), encoding="utf-8") as f:
        return f.read()


def vd_site_yml(n, cards):
    src = site_keys()
    out = []
    for line in src.splitlines():
        if line.startswith("base_url:"):
            line = "base_url: https://bench.example/"
        elif line.startswith("title:"):
            line = "title: Vinh danh điển hình tiên tiến (bộ dữ liệu đo hiệu năng)"
        elif line.startswith("description:"):
            line = f"description: Bộ dữ liệu tổng hợp {n} hồ sơ điển hình tiên tiến hư cấu, dùng để đo hiệu năng vinhdanh."
        out.append(line)
    # Social cards are on by default (a 1200×630 JPEG per profile, ~4 ms of CPU each on a first
    # build, linked afterwards); Hugo draws none. --social-cards off compares page generation alone.
    if not cards:
        out.append("social_cards: false")
    return "\n".join(out) + "\n"


def profile_front(p, extra=()):
    lines = ["---"]
    lines += list(extra)
    lines.append(f"name: {y(p['name'])}")
    lines.append(f"kind: {p['kind']}")
    lines.append(f"unit: {p['unit']}")
    if "position" in p:
        lines.append(f"position: {y(p['position'])}")
    if "subject" in p:
        lines.append(f"subject: {y(p['subject'])}")
    if "teaching_years" in p:
        lines.append(f"teaching_years: {p['teaching_years']}")
    lines.append(f"campaigns: {flow(p['campaigns'])}")
    lines.append("awards:")
    for g in p["awards"]:
        d = g["decision"]
        lines += [f"  - award: {g['award']}", "    decision:", f"      number: {y(d['number'])}",
                  f"      date: {d['date']}", f"      issuer: {y(d['issuer'])}"]
    lines.append(f"summary: {y(p['summary'])}")
    lines.append(f"tags: {flow(p['tags'])}")
    lines.append("consent: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def campaign_front(c, extra=(), tags_key="tags"):
    L = ["---"] + list(extra)
    L += [f"title: {y(c['title'])}", f"number: {y(c['number'])}", "doc_type: KẾ HOẠCH", f"issuer: {c['issuer']}",
          f"place: {y(c['place'])}", f"date: {c['date']}", f"school_year: {c['school_year']}",
          f"theme: {y(c['theme'])}", "parent:"]
    for k, v in c["parent"].items():
        L.append(f"  {k}: {v if k == 'date' else y(v)}")
    L.append("basis:")
    L += [f"  - {y(b)}" for b in c["basis"]]
    L.append(f"scope: {y(c['scope'])}")
    L.append("subjects:")
    L += [f"  - {y(s)}" for s in c["subjects"]]
    L.append("targets:")
    for t in c["targets"]:
        L += [f"  - label: {y(t['label'])}", f"    value: {t['value']}", f"    unit: {json.dumps(t['unit'], ensure_ascii=False)}",
              f"    reported: {t['reported']}"]
    L.append("timeline:")
    for m in c["timeline"]:
        L += [f"  - date: {m['date']}", f"    label: {y(m['label'])}", f"    kind: {m['kind']}"]
    L.append("standards:")
    for s in c["standards"]:
        L += [f"  - award: {s['award']}", f"    text: {y(s['text'])}"]
        if "quota" in s:
            L.append(f"    quota: {y(s['quota'])}")
    L += ["signer:", f"  prefix: {y(c['signer']['prefix'])}", f"  position: {json.dumps(c['signer']['position'], ensure_ascii=False)}",
          f"  name: {y(c['signer']['name'])}", f"{tags_key}: {flow(c['tags'])}", "---"]
    return "\n".join(L) + "\n"


def units_yml(units, header):
    L = [header, ""]
    d = DEPARTMENT
    L += [f"- id: {d['id']}", f"  name: {y(d['name'])}", f"  short_name: {y(d['short_name'])}",
          f"  kind: {d['kind']}", f"  address: {y(d['address'])}", ""]
    for u in units:
        L += [f"- id: {u['id']}", f"  name: {y(u['name'])}", f"  short_name: {y(u['short_name'])}",
              f"  kind: {u['kind']}", f"  parent: {u['parent']}", f"  address: {y(u['address'])}", "  staff:"]
        L += [f"    {yr}: {n}" for yr, n in u["staff"].items()]
        L.append("")
    return "\n".join(L)


def write_vinhdanh(out, n, units, campaigns, profiles, cards=True):
    prepare(out)
    write(os.path.join(out, "site.yml"), vd_site_yml(n, cards))
    write(os.path.join(out, "content", "units.yml"),
          units_yml(units, f"# {len(units) + 1} units of a fictional province, generated by bench/gen_corpus.py."))
    for c in campaigns:
        write(os.path.join(out, "content", "campaigns", c["id"] + ".md"), campaign_front(c) + c["body"])
    for p in profiles:
        write(os.path.join(out, "content", "profiles", p["school_year"], p["slug"] + ".md"),
              profile_front(p) + p["body"])


# --------------------------------------------------------------------------------------------
# Hugo.

HUGO_CONFIG = """\
# Hugo 0.111 site equivalent to the vinhdanh benchmark site (bench/gen_corpus.py).
baseURL = "https://bench.example/"
languageCode = "vi"
defaultContentLanguage = "vi"
title = {title}
paginate = 20
paginatePath = "trang"
uglyURLs = false
removePathAccents = true
enableRobotsTXT = true
disableKinds = []
timeZone = "Asia/Ho_Chi_Minh"

[params]
  description = {description}
  issuer_name = {issuer_name}
  issuer_parent = {issuer_parent}

[taxonomies]
  tag = "tags"

[permalinks]
  tags = "/chu-de/:slug/"

[markup.goldmark.renderer]
  unsafe = false

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]

[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "feed"
  rel = "alternate"

[outputFormats.Roll]
  mediaType = "application/json"
  baseName = "roll"
  isPlainText = true

[outputs]
  home = ["HTML", "Atom"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]
"""


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def site_value(key, sub=None):
    text = site_keys()
    if sub is None:
        m = re.search(rf"^{key}: (.*)$", text, re.M)
    else:
        m = re.search(rf"^{key}:\n(?:  .*\n)*?  {sub}: (.*)$", text, re.M)
    return m.group(1).strip() if m else ""


def write_hugo(out, n, units, campaigns, profiles, awards):
    prepare(out)
    cfg = HUGO_CONFIG.format(
        title=toml_str("Vinh danh điển hình tiên tiến (bộ dữ liệu đo hiệu năng)"),
        description=toml_str(f"Bộ dữ liệu tổng hợp {n} hồ sơ điển hình tiên tiến hư cấu, dùng để đo hiệu năng vinhdanh."),
        issuer_name=toml_str(site_value("issuer", "name")), issuer_parent=toml_str(site_value("issuer", "parent")))
    write(os.path.join(out, "config.toml"), cfg)

    # data/units.yaml: a map id -> unit (Hugo looks units up by id); data/awards.yaml: the catalogue.
    allu = [dict(DEPARTMENT)] + units
    L = ["# Units by id (the same registry as content/units.yml of the vinhdanh site)."]
    for u in allu:
        L += [f"{u['id']}:", f"  id: {u['id']}", f"  name: {y(u['name'])}", f"  short_name: {y(u['short_name'])}",
              f"  kind: {u['kind']}", f"  address: {y(u['address'])}"]
        if "parent" in u:
            L.append(f"  parent: {u['parent']}")
        if "staff" in u:
            L.append("  staff:")
            L += [f"    \"{yr}\": {c}" for yr, c in u["staff"].items()]
    write(os.path.join(out, "data", "units.yaml"), "\n".join(L) + "\n")
    L = ["# The built-in award catalogue of vinhdanh, by id."]
    for a in awards:
        L += [f"{a['id']}:", f"  id: {a['id']}", f"  name: {y(a['name'])}", f"  type: {a.get('type', '')}",
              f"  level: {a.get('level', '')}", f"  rank: {a.get('rank', 0)}",
              f"  granted_by: {y(a.get('granted_by', ''))}", f"  legal_basis: {y(a.get('legal_basis', ''))}",
              f"  individual: {'true' if 'individual' in a.get('applies_to', []) else 'false'}",
              f"  collective: {'true' if 'collective' in a.get('applies_to', []) else 'false'}"]
    write(os.path.join(out, "data", "awards.yaml"), "\n".join(L) + "\n")

    c_ = os.path.join(out, "content")
    write(os.path.join(c_, "_index.md"), "---\ntitle: Trang chủ\n---\n")
    # School years: the profiles section is /nam-hoc/, each year folder a nested section.
    write(os.path.join(c_, "profiles", "_index.md"), "---\ntitle: Năm học\nurl: /nam-hoc/\nlayout: years\n---\n")
    for yr in YEARS:
        write(os.path.join(c_, "profiles", yr, "_index.md"),
              f"---\ntitle: Năm học {yr}\nurl: /nam-hoc/{yr}/\nlayout: year\nschool_year: \"{yr}\"\n---\n")
    for p in profiles:
        extra = [f"title: {y(p['name'])}", f"url: /dien-hinh/{p['school_year']}/{p['slug']}/",
                 f"date: {p['honoured']}", f"school_year: \"{p['school_year']}\"", f"name_key: {p['name_key']}",
                 f"award_ids: {flow(sorted(set(g['award'] for g in p['awards'])))}"]
        write(os.path.join(c_, "profiles", p["school_year"], p["slug"] + ".md"), profile_front(p, extra) + p["body"])
    write(os.path.join(c_, "campaigns", "_index.md"), "---\ntitle: Phong trào thi đua\nurl: /phong-trao/\n---\n")
    for c in campaigns:
        write(os.path.join(c_, "campaigns", c["id"] + ".md"),
              campaign_front(c, [f"url: /phong-trao/{c['id']}/", f"campaign_id: {c['id']}"],
                             tags_key="campaign_tags") + c["body"])
    write(os.path.join(c_, "units", "_index.md"), "---\ntitle: Đơn vị\nurl: /don-vi/\n---\n")
    for u in allu:
        write(os.path.join(c_, "units", u["id"] + ".md"),
              f"---\ntitle: {y(u['name'])}\nurl: /don-vi/{u['id']}/\nunit_id: {u['id']}\n"
              f"outputs: [HTML, Atom, Roll]\n---\n")
    write(os.path.join(c_, "awards", "_index.md"), "---\ntitle: Danh hiệu, hình thức khen thưởng\nurl: /danh-hieu/\nlayout: awards\n---\n")
    for a in awards:
        write(os.path.join(c_, "awards", a["id"], "_index.md"),
              f"---\ntitle: {y(a['name'])}\nurl: /danh-hieu/{a['id']}/\nlayout: award\naward_id: {a['id']}\n---\n"
              + a["standard"])
    write(os.path.join(c_, "tags", "_index.md"), "---\ntitle: Chủ đề\nurl: /chu-de/\n---\n")
    # Term pages get vinhdanh's ASCII slugs (Hugo keeps 'đ' in paths even with removePathAccents).
    for t in sorted({t for p in profiles for t in p["tags"]}):
        key = unicodedata.normalize("NFD", t.lower())
        key = unicodedata.normalize("NFC", "".join(ch for ch in key if unicodedata.category(ch) != "Mn"))
        write(os.path.join(c_, "tags", key.replace(" ", "-"), "_index.md"),
              f"---\ntitle: {y(t)}\nslug: {slugify(t)}\n---\n")
    write(os.path.join(c_, "initiatives.md"), "---\ntitle: Sáng kiến\nurl: /sang-kien/\nlayout: initiatives\n---\n")
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(out, "layouts", name), text)
    # The same style sheets as the vinhdanh theme, fingerprinted like vinhdanh does.
    for css in ("style.css", "print.css"):
        src = os.path.join(REPO, "assets", css)
        body = open(src, encoding="utf-8").read() if os.path.exists(src) else "/* missing */\n"
        write(os.path.join(out, "assets", css), body)


HUGO_LAYOUTS = {}
HUGO_LAYOUTS_FILE = os.path.join(HERE, "hugo_layouts")


def load_hugo_layouts():
    for root, _, files in os.walk(HUGO_LAYOUTS_FILE):
        for f in files:
            full = os.path.join(root, f)
            with open(full, encoding="utf-8") as fh:
                HUGO_LAYOUTS[os.path.relpath(full, HUGO_LAYOUTS_FILE)] = fh.read()


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profiles", type=int, required=True, help="number of profiles")
    ap.add_argument("--out", required=True, help="folder for the vinhdanh site (replaced)")
    ap.add_argument("--hugo", help="folder for the equivalent Hugo site (replaced)")
    ap.add_argument("--seed", type=int, default=20240915)
    ap.add_argument("--social-cards", choices=["on", "off"], default="on",
                    help="vinhdanh's social cards (default on, as on a real site; Hugo has none)")
    args = ap.parse_args()
    if args.profiles < 1:
        ap.error("--profiles must be at least 1")
    rng = Random(args.seed)
    units = make_units(rng, args.profiles)
    campaigns = make_campaigns(rng)
    profiles = make_profiles(rng, args.profiles, units, campaigns)
    write_vinhdanh(args.out, args.profiles, units, campaigns, profiles, args.social_cards == "on")
    if args.hugo:
        load_hugo_layouts()
        write_hugo(args.hugo, args.profiles, units, campaigns, profiles, load_awards())
    size = sum(len(p["body"].encode()) for p in profiles)
    print(f"gen_corpus: {len(profiles)} profiles ({size / len(profiles) / 1024:.1f} KiB stories on average), "
          f"{len(units) + 1} units, {len(campaigns)} campaigns -> {args.out}"
          + (f" and {args.hugo}" if args.hugo else ""))


if __name__ == "__main__":
    main()
