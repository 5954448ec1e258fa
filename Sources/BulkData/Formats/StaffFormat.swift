extension BulkFormat {
    /// Staff (`POST /staff`), keyed by the MoET staff code: a row per employment at a school. A
    /// person employed at several schools (a teacher shared between schools) has one row for each,
    /// one after the other, repeating the personal columns; the first row's position is the
    /// person's main `position`.
    public static let staff = BulkFormat(kind: .staff, columns: [
        CommonColumns.staffCode(header: "Mã định danh", note: "Mã cán bộ do Bộ GD&ĐT cấp, không thay đổi"),
        CommonColumns.fullName(),
        CommonColumns.dateOfBirth,
        CommonColumns.sex,
        CommonColumns.citizenID(),
        CommonColumns.ethnicity,
        CommonColumns.schoolCode(note: "Trường công tác; người công tác ở nhiều trường có mỗi trường một dòng, liền nhau",
                                 apiField: "employments/0/schoolCode"),
        BulkColumn("position", header: "Chức vụ", nameEN: "Position", required: true, note: Vocabulary.position.labelsVI,
                   value: .choice(.position), apiField: "employments/0/position", alsoFills: ["position"]),
        BulkColumn("start_date", header: "Ngày vào trường", nameEN: "Start date", required: true,
                   note: "dd/mm/yyyy, ngày bắt đầu công tác tại trường", value: .date, apiField: "employments/0/startDate"),
        BulkColumn("end_date", header: "Ngày thôi công tác", nameEN: "End date", required: false,
                   note: "dd/mm/yyyy, để trống nếu còn công tác tại trường", value: .date, apiField: "employments/0/endDate"),
        BulkColumn("professional_title", header: "Chức danh nghề nghiệp", nameEN: "Professional title", required: false,
                   note: "Ví dụ: Giáo viên THCS hạng II", value: .text, apiField: "professionalTitle"),
        BulkColumn("qualifications", header: "Trình độ chuyên môn", nameEN: "Qualifications", required: false,
                   note: "Cách nhau bởi dấu ; ví dụ: Cử nhân sư phạm Toán", value: .list(nil), apiField: "qualifications"),
    ], naturalKeys: [["staff_code"]], repeatingGroup: "employments")
}
