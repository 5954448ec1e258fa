extension BulkFormat {
    /// Teaching assignments (`POST /teaching-assignments`): a teacher employed at the school
    /// teaches a subject to a class, for the year or one semester. Every column is part of the key.
    public static let teachingAssignments = BulkFormat(kind: .teachingAssignments, columns: [
        CommonColumns.staffCode(header: "Mã định danh giáo viên", note: "Mã định danh của giáo viên"),
        CommonColumns.schoolCode(),
        CommonColumns.schoolYear,
        CommonColumns.className(required: true),
        BulkColumn("subject_code", header: "Mã môn học", nameEN: "Subject code", required: true,
                   note: "Ví dụ: TOAN, NGUVAN, NGOAINGU1", value: .code, apiField: "subjectCode"),
        BulkColumn("semester", header: "Học kỳ", nameEN: "Semester", required: false, note: "I hoặc II; để trống nếu cả năm",
                   value: .choice(.semester), apiField: "semester"),
    ], naturalKeys: [["staff_code", "school_code", "school_year", "class_name", "subject_code", "semester"]])
}
