extension BulkFormat {
    /// Learners (`POST /learners`), keyed by the MoET learner code, or by the citizen ID while the
    /// learner has no code yet (NEMIS then issues one: the province's 2 digits and 8 more).
    public static let learners = BulkFormat(kind: .learners, columns: [
        CommonColumns.learnerCode(header: "Mã định danh", required: false,
                                  note: "Mã học sinh do Bộ GD&ĐT cấp; để trống nếu chưa có (hệ thống cấp mã)"),
        CommonColumns.citizenID(note: "12 chữ số (số định danh cá nhân); bắt buộc khi chưa có mã định danh"),
        CommonColumns.fullName(),
        CommonColumns.dateOfBirth,
        CommonColumns.sex,
        CommonColumns.ethnicity,
        BulkColumn("birthplace", header: "Nơi đăng ký khai sinh", nameEN: "Place of birth registration", required: false,
                   note: "Tỉnh/thành phố", value: .text, apiField: "birthplace"),
        CommonColumns.schoolCode(note: "Trường đang quản lý hồ sơ học sinh"),
    ], naturalKeys: [["learner_code"], ["citizen_id"]],
    rowRulesVI: ["Phải có Mã định danh hoặc Số định danh cá nhân"])
}
