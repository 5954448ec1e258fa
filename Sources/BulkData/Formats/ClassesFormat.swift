extension BulkFormat {
    /// Homeroom classes and preschool groups (`POST /classes`), keyed by school, school year and
    /// class name. The school year must be defined, and a homeroom teacher employed at the school.
    public static let classes = BulkFormat(kind: .classes, columns: [
        CommonColumns.schoolCode(),
        CommonColumns.schoolYear,
        CommonColumns.className(required: true, apiField: "name"),
        BulkColumn("grade", header: "Khối", nameEN: "Grade", required: true,
                   note: "1 đến 12, hoặc Nhà trẻ, Mẫu giáo 3-4 tuổi, Mẫu giáo 4-5 tuổi, Mẫu giáo 5-6 tuổi",
                   value: .choice(.grade), apiField: "grade"),
        CommonColumns.staffCode(header: "Mã định danh GV chủ nhiệm", required: false, note: "Mã định danh của giáo viên chủ nhiệm",
                                key: "homeroom_staff_code", apiField: "homeroomStaffCode"),
        BulkColumn("campus_code", header: "Mã điểm trường", nameEN: "Campus code", required: false,
                   note: "Để trống nếu học ở điểm chính", value: .code, apiField: "campusCode"),
    ], naturalKeys: [["school_code", "school_year", "class_name"]])
}
