extension BulkFormat {
    /// Enrolments (`POST /enrolments`) of a learner at the school holding their record for a
    /// school year, keyed by learner, school and entry date; the entry date lies in that year.
    public static let enrolments = BulkFormat(kind: .enrolments, columns: [
        CommonColumns.learnerCode(header: "Mã định danh học sinh", required: true, note: "Mã định danh của học sinh (tệp học sinh)"),
        CommonColumns.schoolCode(note: "Trường đang quản lý hồ sơ học sinh"),
        CommonColumns.schoolYear,
        CommonColumns.className(required: false),
        BulkColumn("entry_date", header: "Ngày nhập học", nameEN: "Entry date", required: true,
                   note: "dd/mm/yyyy, trong năm học", value: .date, apiField: "entryDate"),
    ], naturalKeys: [["learner_code", "school_code", "entry_date"]])
}
