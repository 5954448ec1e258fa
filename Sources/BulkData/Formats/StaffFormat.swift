extension BulkFormat {
    /// Staff (`POST /staff`), keyed by the MoET staff code: one row per person, describing their
    /// current employment at one school (the body's `employments[0]`, whose position is also the
    /// person's main `position`).
    public static let staff = BulkFormat(kind: .staff, columns: [
        CommonColumns.staffCode(header: "Mã định danh", note: "Mã cán bộ do Bộ GD&ĐT cấp, không thay đổi"),
        CommonColumns.fullName(),
        CommonColumns.dateOfBirth,
        CommonColumns.sex,
        CommonColumns.citizenID(),
        CommonColumns.ethnicity,
        CommonColumns.schoolCode(note: "Trường đang công tác", apiField: "employments/0/schoolCode"),
        BulkColumn("position", header: "Chức vụ", nameEN: "Position", required: true, note: Vocabulary.position.labelsVI,
                   value: .choice(.position), apiField: "employments/0/position", alsoFills: ["position"]),
        BulkColumn("start_date", header: "Ngày vào trường", nameEN: "Start date", required: true,
                   note: "dd/mm/yyyy, ngày bắt đầu công tác tại trường", value: .date, apiField: "employments/0/startDate"),
        BulkColumn("professional_title", header: "Chức danh nghề nghiệp", nameEN: "Professional title", required: false,
                   note: "Ví dụ: Giáo viên THCS hạng II", value: .text, apiField: "professionalTitle"),
        BulkColumn("qualifications", header: "Trình độ chuyên môn", nameEN: "Qualifications", required: false,
                   note: "Cách nhau bởi dấu ; ví dụ: Cử nhân sư phạm Toán", value: .list(nil), apiField: "qualifications"),
    ], naturalKeys: [["staff_code"]])
}
