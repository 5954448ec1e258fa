extension BulkFormat {
    /// Parents and guardians (`POST /guardians`), keyed like the API: the learner, the
    /// relationship and the name (compared without diacritics).
    public static let guardians = BulkFormat(kind: .guardians, columns: [
        CommonColumns.learnerCode(header: "Mã định danh học sinh", required: true, note: "Mã định danh của học sinh (tệp học sinh)"),
        CommonColumns.fullName(),
        BulkColumn("relationship", header: "Quan hệ", nameEN: "Relationship", required: true,
                   note: Vocabulary.relationship.labelsVI, value: .choice(.relationship), apiField: "relationship"),
        BulkColumn("birth_year", header: "Năm sinh", nameEN: "Birth year", required: false, note: "yyyy",
                   value: .year, apiField: "birthYear"),
        BulkColumn("phone", header: "Điện thoại", nameEN: "Phone", required: false, note: "10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0",
                   value: .phone, apiField: "phone"),
        BulkColumn("occupation", header: "Nghề nghiệp", nameEN: "Occupation", required: false, note: "Ví dụ: Công nhân",
                   value: .text, apiField: "occupation"),
        CommonColumns.citizenID(),
    ], naturalKeys: [["learner_code", "relationship", "full_name"]])
}
