#!/usr/bin/env python3
"""Writes the nomination-list fixtures of tests/import_test.cc in the bytes spreadsheets export.

The lists are kept here as text so they can be read and changed; run this script after a change
(python3 tests/import/make_fixtures.py) and commit the .csv files with it.
"""
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text):
    """Windows-1258 as Vietnamese Windows writes it: base letters (ê, ơ, ă …) precomposed, tone
    marks as combining characters after them."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        tones = "".join(c for c in nfd if c in TONES)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


LISTS = {
    # UTF-8 without BOM, commas, a summary on two lines, the contact in one column.
    "utf8_comma.csv": ("utf-8", "\n", ",".join(
        ["TT", "Họ và tên", "Đơn vị công tác", "Thâm niên giảng dạy", "Tóm tắt thành tích",
         '"Số điện thoại, email"']) + "\n"
        '1,Nguyễn Văn An,Trường Tiểu học A,12,"Giáo viên dạy giỏi cấp huyện;\n'
        'sáng kiến cấp tỉnh",ĐT: 0912 000 201 Email: an.nv@th-a.edu.vn\n'
        '2,Lê Thị Bích,TH A,7 năm,Chủ nhiệm giỏi ba năm liền,"ĐT: 0912 000 202, bich@th-a.edu.vn"\n'),
    # UTF-8 with BOM, semicolons, CRLF, the title lines and template row of the printed form.
    "utf8_bom_semicolon.csv": ("utf-8-sig", "\r\n", "\n".join([
        "DANH SÁCH;;;;;",
        "(Kèm theo Tờ trình số 12/TTr-THA);;;;;",
        "TT;Họ và tên;Đơn vị công tác;Thâm niên giảng dạy;Tóm tắt thành tích;Số điện thoại, email",
        ";;;;;ĐT: Email: ...",
        "1;Trần Minh Đức;Trường Tiểu học thị trấn A;20;Hai mươi năm đứng lớp, giáo viên giỏi cấp tỉnh;ĐT: 0912 000 203",
        ";;;;;",
        "THỦ TRƯỞNG ĐƠN VỊ;;;;;",
    ]) + "\n"),
    # Excel's "Unicode Text": UTF-16LE with a BOM, tabs.
    "utf16le_tab.csv": ("utf-16", "\r\n", "\t".join(
        ["STT", "Họ và tên", "Đơn vị", "Thâm niên", "Tóm tắt thành tích", "Số điện thoại", "Email"]) + "\n"
        + "\t".join(["1", "Phạm Thị Ưu", "Trường Tiểu học A", "9",
                     "Đổi mới phương pháp dạy đọc", "0912 000 204", "uu.pt@th-a.edu.vn"]) + "\n"),
    # The legacy Vietnamese Windows code page, semicolons.
    "cp1258_semicolon.csv": ("cp1258", "\r\n",
        "TT;Họ và tên;Đơn vị công tác;Thâm niên giảng dạy;Tóm tắt thành tích;Số điện thoại\n"
        "1;Đặng Văn Ưu;Trường Tiểu học A;15;Giáo viên dạy giỏi cấp tỉnh, có sáng kiến;0912 000 205\n"
        "2;Hồ Thị Kiều Oanh;Phòng Giáo dục và Đào tạo huyện Thử;6;Chuyên viên tiểu học mẫu mực;\n"),
    # English headers, a position and an award column, a column vinhdanh does not know.
    "english_header.csv": ("utf-8", "\n",
        "No.,Full name,Position,Unit,Years of teaching,Achievements,Phone,E-mail,Award,Notes\n"
        "1,Võ Thanh Tâm,Tổ trưởng: Toán,th-a,18,Dạy giỏi cấp huyện,0912 000 206,tam@th-a.edu.vn,"
        "Chiến sĩ thi đua cơ sở,chuyển trường 2025\n"
        "2,Tổ Tiếng Việt,,Trường Tiểu học A,,Tập thể đoàn kết,,,tap-the-lao-dong-tien-tien,\n"),
    # The same person twice, and a namesake in another unit.
    "duplicate_person.csv": ("utf-8", "\n",
        "TT,Họ và tên,Đơn vị công tác,Thâm niên giảng dạy,Tóm tắt thành tích\n"
        "1,Nguyễn Thị Hoa,Trường Tiểu học A,5,Dạy giỏi\n"
        "2,Nguyễn Thị Hoa,Phòng Giáo dục và Đào tạo huyện Thử,3,Chuyên viên mẫu mực\n"
        "3,NGUYỄN THỊ HOA,trường tiểu học a,5,Dạy giỏi cấp trường\n"),
    # Row problems: unknown unit, years that are not a number, no summary, unknown award.
    "row_errors.csv": ("utf-8", "\n",
        "TT,Họ và tên,Đơn vị công tác,Thâm niên giảng dạy,Tóm tắt thành tích,Danh hiệu\n"
        "1,Lý Văn Sơn,Trường Tiểu học Á Âu,10,Dạy giỏi,\n"
        "2,Mai Thị Lan,Trường Tiểu học A,mười,Dạy giỏi,Lao động tiên tiến\n"
        "3,Đỗ Văn Hải,Trường Tiểu học A,4,,Lao động tiên tiếng\n"),
    # A quote opened inside a cell and never closed.
    "unclosed_quote.csv": ("utf-8", "\n",
        "TT,Họ và tên,Đơn vị công tác,Tóm tắt thành tích\n"
        "1,Ngô Văn Bình,Trường Tiểu học A,\"Dạy giỏi\n"
        "2,Ngô Thị Cúc,Trường Tiểu học A,Dạy giỏi\n"),
    # A person who already has a profile in the site, with other teaching years.
    "existing_profile.csv": ("utf-8", "\n",
        "TT,Họ và tên,Đơn vị công tác,Thâm niên giảng dạy,Tóm tắt thành tích,Số điện thoại\n"
        "1,Nguyễn Thị Thúy,Trường Tiểu học A,13,Mười hai năm đứng lớp.,0912 000 111\n"),
    # Excel's "sep=" line, a column twice, no unit column.
    "excel_sep_line.csv": ("utf-8", "\r\n",
        "sep=;\n"
        "STT;Họ và tên;Tóm tắt thành tích;Họ tên\n"
        "1;Lê Văn Tám;Dạy giỏi;Lê Văn Tám\n"),
    # A file that is no nomination list.
    "no_header.csv": ("utf-8", "\n", "a,b\n1,2\n"),
    # Declared UTF-8 by its BOM, with a Windows-1258 byte in the middle.
    "bad_bytes.csv": ("raw", "\n",
        b"\xef\xbb\xbfTT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n1,Nguy\xea\xden\n"),
    # UTF-16 without its byte-order mark: NUL bytes everywhere.
    "utf16le_no_bom.csv": ("utf-16-le", "\r\n",
        "Họ và tên,Đơn vị công tác,Tóm tắt thành tích\nAn,th-a,Dạy giỏi\n"),
    # A namesake of the site's Nguyễn Thị Thúy (th-a) in another unit: a new file, -2.
    "namesake.csv": ("utf-8", "\n",
        "TT,Họ và tên,Đơn vị công tác,Tóm tắt thành tích\n"
        "1,Nguyễn Thị Thúy,Phòng Giáo dục và Đào tạo huyện Thử,Chuyên viên mẫu mực\n"),
    # An award column with a blank cell and no --award (the .expected file passes none).
    "award_column.csv": ("utf-8", "\n",
        "Họ và tên,Đơn vị công tác,Tóm tắt thành tích,Danh hiệu đề nghị\n"
        "Trịnh Văn Khoa,Trường Tiểu học A,Dạy giỏi,Chiến sĩ thi đua cơ sở\n"
        "Trịnh Thị Mai,Trường Tiểu học A,Dạy giỏi,\n"),
}


def main():
    for name, (encoding, newline, text) in LISTS.items():
        if encoding == "raw":
            data = text
        else:
            text = text.replace("\n", newline)
            data = cp1258(text) if encoding == "cp1258" else text.encode(encoding)
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
