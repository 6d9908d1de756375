vdSearch.shard({"n":0,"s":["Tổ chuyên môn xuất sắc.","Tổ chức 12 hoạt động trải nghiệm: \"Kế hoạch nhỏ\" và \"Áo ấm cho em\".","Mười hai năm đứng lớp."]});
