import Foundation
import Credentials
import Platform
import Records
import Registry

/// Every visible string of the pages, in Vietnamese and English, in this one file. A phrase is a
/// case of `Phrase` with both texts side by side, so a missing translation does not compile;
/// phrases that take values are the methods of `Strings` below.
enum Phrase: CaseIterable {
    // The frame
    case tagline, skipToContent, mainNavigation, signOut, otherLanguageName
    case home, schools, learners, mySchool, classes, staff, myClasses, verify
    // Signing in, the overview
    case signIn, username, password, wrongCredentials, overview, roles
    case countSchools, countClasses, countLearners, countStaff
    // Registry pages
    case searchSchools, searchLearners, search, nextPage
    case schoolName, code, level, schoolCode, commune, status
    case className, grade, homeroomTeacher, fullName, position
    case number, dateOfBirth, sex, female, male, ethnicity, citizenID, learnerCode, school
    case studyHistory, schoolYear, gradebooks
    case movements, noMovements, exitDate, exitReason
    // Errors
    case notFoundTitle, notFoundText, forbiddenTitle, forbiddenText, badRequestTitle, badRequestText
    case formExpired, backHome
    // Teacher pages
    case myClassesIntro, noClassesThisYear, notLinkedToStaff, homeroom, subjectsTaught
    // Gradebook
    case scoreHint, commentHint, midTerm, endOfTerm, average, rating, saveScores, saved, closedTerm
    case noLearnersInClass, backToClass
    case termSection, closeTerm, reopenTerm, reopenReason, termClosed, termReopened
    // Conduct and attendance
    case conductLink, conductNote, wholeYear, saveConduct, conductSaved, absencesRule
    // Year results
    case yearResults, yearResultsNote, noYearResultsYet, notComputed
    case learningResult, conductResult, sessionsAbsent, decision, award
    // Verification
    case verifyTitle, verifyIntro, credentialText, credentialFile, verifyButton, verifyResultTitle
    case issuer, inKeyRegistry, notInKeyRegistry, check, outcome, details, verifyAnother
    case pasteOrChoose, passed, failed, warning, skipped
    // Imports
    case imports, importIntro, importKind, importFile, importSkipInvalid, importButton, importTemplates
    case yourImports, noImportsYet, uploaded, fileName, rowsRead, rowsCreated, rowsUpdated, rowsUnchanged, rowsRepeated, rowsJoined
    case rowsRefused, rowsGoodNotStored, downloadReport, importRunning, importFailed, reasonCode, reasonCount, importAnother, chooseFile
    // Statistics
    case statistics, department, total, noEnrolmentsYet
    // Identity verification
    case identity, identityIntro, verifyNow, verifyScope, verificationRuns, noRunsYet, people, verifiedPeople, verificationRate
    case uncheckedPeople, notVerifiedPeople, corrections, correctionsIntro, noCorrections, reviewQueue, reviewIntro, noReviewPending
    case field, currentValue, suggestedValue, reason, candidate, matchWeight, evidence, confirmMatch, rejectMatch
    case downloadCSV, downloadXLSX, runProgress, started, asTyped, registryNotConfigured
    // Exam statistics
    case examStatistics, noExamFigures, examResultsChart, admissionsChart, passedExam, notPassedExam, awaitingResult
    case admissionConfirmed, admittedNotConfirmed, notAdmitted, registeredCandidates, confirmedBySchool, withWishes
    case wishFeesPaidOnline, registrationFeesPaidOnline, admitted, examStatisticsNote
    // A candidate's own exam
    case myExam, examRegistration, examSubjects, registrationConfirmed, registrationAwaiting, registrationClosed
    case feeLabel, feePaid, feeUnpaid, payOnline, examResult, resultNotPublished, graduationScore, graduated, notGraduated
    case admissionWishes, noWishesYet, saveWishes, wishesSaved, admissionResult, notAdmittedText, admittedTo
    case confirmAdmission, admissionConfirmedNotice, electivesHeading, languageSat, changeElectives, registrationChanged
    // Health checks
    case healthLink, checkedOn, bmiForAge, vision, noHealthChecks, newHealthCheck, saveHealthCheck, healthCheckSaved, healthNotSaved
    case notANumber, dateRequired
    // Transfers
    case transfers, transfersIntro, noTransfers, effectiveFrom, decisionNote, intoClass, approveTransfer, refuseTransfer

    var texts: (vi: String, en: String) {
        switch self {
        case .tagline: ("Cơ sở dữ liệu ngành giáo dục", "National education database")
        case .skipToContent: ("Bỏ qua, đến nội dung chính", "Skip to main content")
        case .mainNavigation: ("Điều hướng chính", "Main navigation")
        case .signOut: ("Đăng xuất", "Sign out")
        case .otherLanguageName: ("English", "Tiếng Việt")
        case .home: ("Trang chủ", "Home")
        case .schools: ("Trường học", "Schools")
        case .learners: ("Học sinh", "Learners")
        case .mySchool: ("Trường của tôi", "My school")
        case .classes: ("Lớp học", "Classes")
        case .staff: ("Cán bộ, giáo viên", "Staff")
        case .myClasses: ("Lớp của tôi", "My classes")
        case .verify: ("Xác minh học bạ", "Verify a record")
        case .signIn: ("Đăng nhập", "Sign in")
        case .username: ("Tên đăng nhập", "Username")
        case .password: ("Mật khẩu", "Password")
        case .wrongCredentials: ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.")
        case .overview: ("Tổng quan", "Overview")
        case .roles: ("Vai trò", "Roles")
        case .countSchools: ("trường học", "schools")
        case .countClasses: ("lớp học", "classes")
        case .countLearners: ("học sinh", "learners")
        case .countStaff: ("cán bộ, giáo viên", "staff")
        case .searchSchools: ("Tìm theo tên hoặc mã (không cần dấu)", "Search by name or code (accents optional)")
        case .searchLearners: ("Tìm theo họ tên hoặc mã học sinh (không cần dấu)", "Search by name or learner code (accents optional)")
        case .search: ("Tìm", "Search")
        case .nextPage: ("Trang sau →", "Next page →")
        case .schoolName: ("Tên trường", "School")
        case .code: ("Mã", "Code")
        case .level: ("Cấp học", "Level")
        case .schoolCode: ("Mã trường", "School code")
        case .commune: ("Xã/phường", "Commune")
        case .status: ("Trạng thái", "Status")
        case .className: ("Lớp", "Class")
        case .grade: ("Khối", "Grade")
        case .homeroomTeacher: ("Giáo viên chủ nhiệm", "Homeroom teacher")
        case .fullName: ("Họ và tên", "Full name")
        case .position: ("Vị trí", "Position")
        case .number: ("STT", "No.")
        case .dateOfBirth: ("Ngày sinh", "Date of birth")
        case .sex: ("Giới tính", "Sex")
        case .female: ("Nữ", "Female")
        case .male: ("Nam", "Male")
        case .ethnicity: ("Dân tộc", "Ethnicity")
        case .citizenID: ("Số định danh cá nhân", "Personal ID number")
        case .learnerCode: ("Mã học sinh", "Learner code")
        case .school: ("Trường", "School")
        case .studyHistory: ("Quá trình học", "School history")
        case .schoolYear: ("Năm học", "School year")
        case .gradebooks: ("Sổ điểm và kết quả", "Gradebooks and results")
        case .movements: ("Biến động học sinh", "Learner movements")
        case .noMovements: ("Năm học này chưa có học sinh chuyển đi, thôi học hay bỏ học.",
                            "No learner has transferred out, withdrawn or dropped out this school year.")
        case .exitDate: ("Ngày rời lớp", "Left on")
        case .exitReason: ("Lí do", "Reason")
        case .notFoundTitle: ("Không tìm thấy", "Not found")
        case .notFoundText: ("Trang hoặc hồ sơ này không có, hoặc nằm ngoài phạm vi của bạn.",
                             "This page or record does not exist, or is outside what you may see.")
        case .forbiddenTitle: ("Không có quyền", "Not permitted")
        case .forbiddenText: ("Tài khoản của bạn không được làm việc này.", "Your account may not do this.")
        case .badRequestTitle: ("Yêu cầu không hợp lệ", "Invalid request")
        case .badRequestText: ("Địa chỉ hoặc dữ liệu gửi lên không đúng.", "The address or the data sent is not valid.")
        case .formExpired: ("Phiên làm việc đã thay đổi: hãy tải lại trang rồi gửi lại.",
                            "Your session has changed: reload the page and send the form again.")
        case .backHome: ("Về trang chủ", "Back to the home page")
        case .myClassesIntro: ("Các lớp bạn chủ nhiệm hoặc được phân công giảng dạy năm học này.",
                               "The classes you are homeroom teacher of, or are assigned to teach, this school year.")
        case .noClassesThisYear: ("Bạn chưa được phân công lớp nào trong năm học này.", "You have no class assigned this school year.")
        case .notLinkedToStaff: ("Tài khoản chưa gắn với hồ sơ cán bộ, nên chưa có lớp nào.",
                                 "Your account is not linked to a staff record, so it has no classes.")
        case .homeroom: ("Chủ nhiệm", "Homeroom")
        case .subjectsTaught: ("Môn dạy", "Subjects taught")
        case .scoreHint: ("Nhập điểm từ 0 đến 10, tối đa một chữ số thập phân (7,5 hoặc 7.5). Để trống ô chưa có điểm.",
                          "Enter scores from 0 to 10 with at most one decimal (7.5 or 7,5). Leave a box empty until there is a score.")
        case .commentHint: ("Môn đánh giá bằng nhận xét: nhập Đ (Đạt) hoặc CĐ (Chưa đạt).",
                            "This subject is assessed by comment: enter Đ (pass) or CĐ (not yet passed).")
        case .midTerm: ("Giữa kì", "Mid-term")
        case .endOfTerm: ("Cuối kì", "End of term")
        case .average: ("Điểm TB môn", "Average")
        case .rating: ("Kết quả", "Result")
        case .saveScores: ("Lưu điểm", "Save scores")
        case .saved: ("Đã lưu. Điểm trung bình môn hiện khi đủ các bài đánh giá.",
                      "Saved. The average shows once every assessment is in.")
        case .closedTerm: ("Học kì này đã khoá sổ: chỉ xem. Nhà trường có thể mở lại.",
                           "This semester is closed: read only. The school can reopen it.")
        case .noLearnersInClass: ("Lớp chưa có học sinh.", "The class has no learners yet.")
        case .backToClass: ("Về danh sách lớp", "Back to the class list")
        case .termSection: ("Khoá sổ học kì", "Closing the semester")
        case .closeTerm: ("Khoá sổ học kì này (mọi môn của lớp)", "Close this semester (every subject of the class)")
        case .reopenTerm: ("Mở lại học kì", "Reopen the semester")
        case .reopenReason: ("Lí do mở lại (bắt buộc, được ghi vào nhật kí)", "Why it is reopened (required; kept in the audit log)")
        case .termClosed: ("Đã khoá sổ học kì: điểm của lớp chỉ còn xem được.", "The semester is closed: the class's scores are read only.")
        case .termReopened: ("Đã mở lại học kì: giáo viên có thể sửa điểm.", "The semester is reopened: teachers can change scores.")
        case .myExam: ("Kỳ thi của tôi", "My exam")
        case .examRegistration: ("Đăng kí dự thi", "Exam registration")
        case .examSubjects: ("Môn thi", "Subjects")
        case .registrationConfirmed: ("Đã được xác nhận", "Confirmed")
        case .registrationAwaiting: ("Chờ nhà trường (hoặc Sở) xác nhận", "Awaiting confirmation by the school (or the department)")
        case .registrationClosed: ("Đã hết hạn đăng kí: nhờ nhà trường nếu cần sửa.", "Registration has closed: ask the school if something must change.")
        case .feeLabel: ("Lệ phí", "Fee")
        case .feePaid: ("Đã nộp", "Paid")
        case .feeUnpaid: ("Chưa nộp", "Not paid")
        case .payOnline: ("Nộp lệ phí trực tuyến", "Pay online")
        case .examResult: ("Kết quả thi", "Exam result")
        case .resultNotPublished: ("Chưa công bố kết quả.", "Results are not published yet.")
        case .graduationScore: ("Điểm xét tốt nghiệp", "Graduation score")
        case .graduated: ("Đỗ tốt nghiệp", "Graduated")
        case .notGraduated: ("Chưa đỗ tốt nghiệp", "Not graduated")
        case .admissionWishes: ("Nguyện vọng xét tuyển", "Admission wishes")
        case .noWishesYet: ("Chưa đăng kí nguyện vọng nào.", "No wishes placed yet.")
        case .saveWishes: ("Lưu nguyện vọng", "Save wishes")
        case .wishesSaved: ("Đã lưu nguyện vọng, theo thứ tự ưu tiên từ trên xuống.", "Wishes saved, first choice first.")
        case .admissionResult: ("Kết quả xét tuyển", "Admission result")
        case .notAdmittedText: ("Chưa trúng tuyển nguyện vọng nào.", "Not admitted to any wish.")
        case .admittedTo: ("Trúng tuyển", "Admitted to")
        case .confirmAdmission: ("Xác nhận nhập học", "Confirm admission")
        case .admissionConfirmedNotice: ("Đã xác nhận nhập học.", "Admission confirmed.")
        case .electivesHeading: ("Môn thi tự chọn (ngoài Toán và Ngữ văn)", "Elective subjects (beside Mathematics and Literature)")
        case .languageSat: ("Ngoại ngữ dự thi (nếu chọn Ngoại ngữ)", "Language sat (when the foreign language is chosen)")
        case .changeElectives: ("Lưu môn thi", "Save subjects")
        case .registrationChanged: ("Đã lưu môn thi; nhà trường sẽ xác nhận lại đăng kí.", "Subjects saved; the school will confirm the registration again.")
        case .healthLink: ("Khám sức khỏe định kỳ", "Health checks")
        case .checkedOn: ("Ngày khám", "Checked on")
        case .bmiForAge: ("Tình trạng dinh dưỡng (BMI theo tuổi, WHO)", "Nutrition (BMI-for-age, WHO)")
        case .vision: ("Thị lực trái · phải", "Vision left · right")
        case .noHealthChecks: ("Chưa có lần khám nào.", "No checks yet.")
        case .newHealthCheck: ("Ghi kết quả khám mới", "Record a new check")
        case .saveHealthCheck: ("Lưu kết quả khám", "Save the check")
        case .healthCheckSaved: ("Đã lưu kết quả khám.", "The check is saved.")
        case .healthNotSaved: ("Chưa lưu: sửa các ô sau rồi lưu lại.", "Not saved: correct these boxes and save again.")
        case .notANumber: ("Không phải một số (ví dụ 132,5).", "Not a number (e.g. 132.5).")
        case .dateRequired: ("Chọn ngày khám.", "Choose the date of the check.")
        case .conductLink: ("Rèn luyện và chuyên cần", "Conduct and attendance")
        case .conductNote: ("Đánh giá kết quả rèn luyện theo Thông tư 22/2021: Tốt, Khá, Đạt, Chưa đạt. Ô để trống giữ giá trị đã lưu.",
                            "Conduct is rated under Circular 22/2021: Very good, Good, Pass, Not yet passed. A box left empty keeps what is stored.")
        case .wholeYear: ("Cả năm", "Whole year")
        case .saveConduct: ("Lưu rèn luyện và chuyên cần", "Save conduct and attendance")
        case .conductSaved: ("Đã lưu.", "Saved.")
        case .absencesRule: ("Số buổi nghỉ là một số nguyên từ 0 đến 400.", "Sessions absent is a whole number from 0 to 400.")
        case .yearResults: ("Kết quả cả năm", "Year results")
        case .yearResultsNote: ("Nhà trường tính kết quả cả năm từ sổ điểm, rèn luyện và chuyên cần (Thông tư 22/2021); trang này để xem.",
                                "The school computes the year results from the gradebooks, conduct and attendance (Circular 22/2021); this page is for reading.")
        case .noYearResultsYet: ("Nhà trường chưa tính kết quả cả năm của lớp này.", "The school has not computed this class's year results yet.")
        case .notComputed: ("Chưa tính", "Not computed")
        case .learningResult: ("Học tập", "Learning")
        case .conductResult: ("Rèn luyện", "Conduct")
        case .sessionsAbsent: ("Số buổi nghỉ", "Sessions absent")
        case .decision: ("Lên lớp", "Promotion")
        case .award: ("Khen thưởng", "Award")
        case .verifyTitle: ("Xác minh học bạ số", "Verify an electronic school record")
        case .verifyIntro: ("Dán nội dung tệp học bạ số (JSON) hoặc chọn tệp. NEMIS kiểm tra chữ ký số, thời hạn, khóa của nhà trường trong danh mục do Bộ GDĐT ký, và tình trạng thu hồi.",
                            "Paste the school record (JSON) or choose its file. NEMIS checks the digital signature, the dates, the school's key in the registry the Ministry signs, and whether it was revoked.")
        case .credentialText: ("Nội dung học bạ số (JSON)", "School record (JSON)")
        case .credentialFile: ("hoặc tệp", "or a file")
        case .verifyButton: ("Xác minh", "Verify")
        case .verifyResultTitle: ("Kết quả xác minh", "Verification result")
        case .issuer: ("Đơn vị cấp", "Issuer")
        case .inKeyRegistry: ("có trong danh mục khóa do Bộ GDĐT ký", "in the key registry signed by the Ministry")
        case .notInKeyRegistry: ("không có trong danh mục khóa của Bộ GDĐT", "not in the Ministry's key registry")
        case .check: ("Kiểm tra", "Check")
        case .outcome: ("Kết quả", "Outcome")
        case .details: ("Chi tiết", "Details")
        case .verifyAnother: ("Xác minh học bạ khác", "Verify another record")
        case .pasteOrChoose: ("Hãy dán nội dung hoặc chọn tệp học bạ số.", "Paste the record or choose its file.")
        case .passed: ("✓ đạt", "✓ passed")
        case .failed: ("✗ không đạt", "✗ failed")
        case .warning: ("! cảnh báo", "! warning")
        case .skipped: ("— bỏ qua", "— skipped")
        case .imports: ("Nhập dữ liệu từ tệp", "Import from a file")
        case .importIntro: ("Tải lên tệp CSV hoặc Excel (XLSX) theo mẫu. Mọi dòng được kiểm tra như khi nhập trên hệ thống; nếu có dòng lỗi thì không dòng nào được ghi, trừ khi chọn bỏ qua dòng lỗi. Nhập lại cùng một tệp không làm thay đổi dữ liệu.",
                            "Upload a CSV or Excel (XLSX) file in the template's layout. Every row is checked as if entered here; if any row is refused nothing is stored, unless you choose to skip refused rows. Importing the same file again changes nothing.")
        case .importKind: ("Loại dữ liệu", "What the file holds")
        case .importFile: ("Tệp (CSV hoặc XLSX)", "File (CSV or XLSX)")
        case .importSkipInvalid: ("Bỏ qua dòng lỗi, ghi các dòng đúng", "Skip refused rows and store the good ones")
        case .importButton: ("Tải lên và nhập", "Upload and import")
        case .importTemplates: ("Tệp mẫu có dòng tiêu đề và ghi chú: lệnh nemis template.", "Templates with headers and notes: the nemis template command.")
        case .yourImports: ("Các lần nhập của bạn", "Your imports")
        case .noImportsYet: ("Chưa có lần nhập nào.", "No imports yet.")
        case .uploaded: ("Thời điểm tải lên", "Uploaded")
        case .fileName: ("Tệp", "File")
        case .rowsRead: ("Số dòng", "Rows")
        case .rowsCreated: ("Thêm mới", "Created")
        case .rowsUpdated: ("Cập nhật", "Updated")
        case .rowsUnchanged: ("Không đổi", "Unchanged")
        case .rowsRepeated: ("Dòng lặp lại", "Repeated rows")
        case .rowsJoined: ("Dòng bổ sung nơi công tác cho dòng trên", "Rows adding an employment to the row above")
        case .rowsRefused: ("Dòng bị từ chối", "Refused rows")
        case .rowsGoodNotStored: ("Dòng hợp lệ (chưa ghi)", "Good rows (not stored)")
        case .downloadReport: ("Tải báo cáo lỗi (CSV)", "Download the error report (CSV)")
        case .importRunning: ("Đang nhập… Trang tự tải lại.", "Importing… This page reloads by itself.")
        case .importFailed: ("Không nhập được tệp", "The file was not imported")
        case .reasonCode: ("Lỗi hoặc sửa đổi", "Error or repair")
        case .reasonCount: ("Số lần", "Count")
        case .importAnother: ("Nhập tệp khác", "Import another file")
        case .chooseFile: ("Hãy chọn tệp để tải lên.", "Choose a file to upload.")
        case .statistics: ("Thống kê", "Statistics")
        case .department: ("Sở GD&ĐT", "Department")
        case .total: ("Tổng", "Total")
        case .noEnrolmentsYet: ("Chưa có học sinh nhập học năm học này trong phạm vi của bạn.", "No learner is enrolled this school year within your scope.")
        case .identity: ("Xác thực định danh", "Identity verification")
        case .identityIntro: ("Đối chiếu học sinh và cán bộ, giáo viên với Cơ sở dữ liệu quốc gia về dân cư. Không thông tin nào được sửa nếu không có người xác nhận.",
                              "Learners and staff checked against the national population database. Nothing is changed on a record without a person's decision.")
        case .verifyNow: ("Xác thực ngay", "Verify now")
        case .verifyScope: ("Phạm vi", "Scope")
        case .verificationRuns: ("Các lần xác thực", "Verification runs")
        case .noRunsYet: ("Chưa có lần xác thực nào.", "No verification run yet.")
        case .people: ("Số người", "People")
        case .verifiedPeople: ("Đã xác thực", "Verified")
        case .verificationRate: ("Tỉ lệ", "Rate")
        case .uncheckedPeople: ("Chưa đối chiếu", "Not checked")
        case .notVerifiedPeople: ("Chưa xác thực", "Not verified")
        case .corrections: ("Danh sách cần sửa", "Correction list")
        case .correctionsIntro: ("Mỗi dòng là một thông tin cần sửa hoặc cần kiểm tra lại theo giấy tờ gốc. Đây là đề xuất, hệ thống không tự sửa.",
                                 "Each line is something to fix or to check against the original documents. These are suggestions; nothing is changed automatically.")
        case .noCorrections: ("Không có gì cần sửa.", "Nothing to correct.")
        case .reviewQueue: ("Hàng đợi rà soát", "Review queue")
        case .reviewIntro: ("Các hồ sơ chưa có mã định danh đúng mà CSDL dân cư có người giống. Chỉ xác nhận khi chắc chắn là cùng một người; mã định danh khi đó được ghi vào hồ sơ.",
                            "Records without a correct ID for which the population database holds a likely person. Confirm only when sure it is the same person; the ID is then written onto the record.")
        case .noReviewPending: ("Không có hồ sơ nào chờ rà soát.", "No record waits for review.")
        case .field: ("Thông tin", "Field")
        case .currentValue: ("Hiện tại", "Current")
        case .suggestedValue: ("Đề xuất", "Suggested")
        case .reason: ("Lý do", "Reason")
        case .candidate: ("Người trong CSDL dân cư", "Person in the population database")
        case .matchWeight: ("Điểm khớp", "Match weight")
        case .evidence: ("Đối chiếu từng thông tin", "Field by field")
        case .confirmMatch: ("Xác nhận là cùng một người", "Confirm: same person")
        case .rejectMatch: ("Không phải người này", "Not this person")
        case .downloadCSV: ("Tải tệp CSV", "Download CSV")
        case .downloadXLSX: ("Tải tệp Excel", "Download Excel")
        case .runProgress: ("Tiến độ", "Progress")
        case .started: ("Bắt đầu", "Started")
        case .asTyped: ("Hồ sơ của trường", "As the school typed it")
        case .examStatistics: ("Thi tốt nghiệp và tuyển sinh", "Graduation exam and admissions")
        case .noExamFigures: ("Chưa có số liệu kì thi trong phạm vi của bạn.", "No exam figures within your scope yet.")
        case .examResultsChart: ("Kết quả thi tốt nghiệp theo tỉnh", "Graduation exam results by province")
        case .admissionsChart: ("Kết quả tuyển sinh theo tỉnh", "Admission results by province")
        case .passedExam: ("Đỗ tốt nghiệp", "Passed")
        case .notPassedExam: ("Chưa đỗ", "Not passed")
        case .awaitingResult: ("Chưa có kết quả", "No result yet")
        case .admissionConfirmed: ("Đã xác nhận nhập học", "Admission confirmed")
        case .admittedNotConfirmed: ("Trúng tuyển, chưa xác nhận", "Admitted, not confirmed")
        case .notAdmitted: ("Không trúng tuyển", "Not admitted")
        case .registeredCandidates: ("Thí sinh đăng kí", "Candidates registered")
        case .confirmedBySchool: ("Trường đã xác nhận", "Confirmed by the school")
        case .withWishes: ("Có nguyện vọng", "With admission wishes")
        case .wishFeesPaidOnline: ("Đã nộp lệ phí xét tuyển trực tuyến", "Wish fees paid online")
        case .registrationFeesPaidOnline: ("Đã nộp lệ phí dự thi trực tuyến", "Registration fees paid online")
        case .admitted: ("Trúng tuyển", "Admitted")
        case .examStatisticsNote: ("Tỉ lệ đỗ tính trên số thí sinh đã có kết quả; tỉ lệ trúng tuyển trên số thí sinh có nguyện vọng.",
                                   "Pass rates are of candidates with a result; admission rates of candidates with wishes.")
        case .transfers: ("Chuyển trường", "Transfers")
        case .transfersIntro: ("Đề nghị chuyển đến trường bạn chờ bạn duyệt; khi duyệt, hồ sơ, người giám hộ và quá trình học của học sinh chuyển sang trường mới.",
                               "Requests to move into your school wait for your decision; approving moves the learner's record, guardians and study history to the new school.")
        case .noTransfers: ("Không có đề nghị chuyển trường nào.", "No transfer requests.")
        case .effectiveFrom: ("từ ngày", "from")
        case .decisionNote: ("Ghi chú gửi trường chuyển đi", "Note to the sending school")
        case .intoClass: ("Vào lớp (không bắt buộc)", "Into class (optional)")
        case .approveTransfer: ("Duyệt chuyển đến", "Approve the transfer")
        case .refuseTransfer: ("Từ chối", "Refuse")
        case .registryNotConfigured: ("Chưa kết nối được CSDL quốc gia về dân cư: quản trị hệ thống cần cấu hình NEMIS_POPULATION_URL.",
                                      "The national population database is not configured: the operator must set NEMIS_POPULATION_URL.")
        }
    }
}

/// The catalogue in one language: `strings[.signIn]`, and the phrases that take values.
struct Strings: Sendable {
    let language: Language

    subscript(_ phrase: Phrase) -> String {
        language == .vi ? phrase.texts.vi : phrase.texts.en
    }

    private func pick(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// A text another module already gives in both languages (a verifier's finding, a check's name).
    func localized(vi: String, en: String) -> String { pick(vi, en) }

    func greeting(_ name: String) -> String { pick("Xin chào, \(name)", "Hello, \(name)") }
    func signedInAs(_ name: String) -> String { pick("Đang đăng nhập: \(name)", "Signed in as \(name)") }
    func tooManyAttempts(seconds: Int) -> String {
        pick("Quá nhiều lần thử. Hãy thử lại sau \(seconds) giây.", "Too many attempts. Try again in \(seconds) seconds.")
    }
    func classTitle(_ name: String) -> String { pick("Lớp \(name)", "Class \(name)") }
    func movementsInYear(_ year: String) -> String { pick("Biến động học sinh năm học \(year)", "Learner movements in \(year)") }
    func classesInYear(_ year: String) -> String { pick("Lớp học năm học \(year)", "Classes in \(year)") }
    func rosterNote(_ count: Int) -> String {
        pick("\(count) học sinh, xếp theo tên, tên đệm, họ.", "\(count) learners, in order of given name, middle name, family name.")
    }
    func semester(_ name: String) -> String { pick("Học kì \(name)", "Semester \(name)") }
    func invalidJSON(_ detail: String) -> String { pick("Tệp không phải JSON hợp lệ: \(detail)", "The file is not valid JSON: \(detail)") }

    // The gradebook
    func gradebookTitle(subject: Subject, className: String, semester: String) -> String {
        pick("Sổ điểm \(subject.nameVI) · lớp \(className) · học kì \(semester)", "\(subject.nameEN) gradebook · class \(className) · semester \(semester)")
    }
    func subjectName(_ subject: Subject) -> String { pick(subject.nameVI, subject.nameEN) }
    func regularRule(count: Int, exact: Bool) -> String {
        exact ? pick("Mỗi học kì: \(count) lần đánh giá thường xuyên, một giữa kì, một cuối kì.",
                     "Each semester: \(count) regular assessments, one mid-term and one end-of-term.")
              : pick("Mỗi học kì: ít nhất \(count) lần đánh giá thường xuyên, một giữa kì, một cuối kì.",
                     "Each semester: at least \(count) regular assessments, one mid-term and one end-of-term.")
    }
    /// A column heading: the short form shown, the long form for screen readers and tooltips.
    func regularColumn(_ number: Int) -> (short: String, long: String) {
        (pick("TX\(number)", "R\(number)"), pick("Đánh giá thường xuyên \(number)", "Regular assessment \(number)"))
    }
    func inputLabel(_ column: String, learner: String) -> String { pick("\(column) của \(learner)", "\(column), \(learner)") }
    func myExamTitle(_ year: Int) -> String { pick("Kỳ thi tốt nghiệp THPT năm \(year) của tôi", "My \(year) graduation exam") }
    func changesUntil(_ when: String) -> String {
        pick("Có thể sửa đăng kí đến \(when); sau mỗi lần sửa, nhà trường xác nhận lại.", "You can change the registration until \(when); the school confirms it again after each change.")
    }
    func wishesUntil(_ when: String) -> String {
        pick("Sắp xếp nguyện vọng theo thứ tự ưu tiên, nguyện vọng 1 là cao nhất; sửa được đến \(when).",
             "Order your wishes, the first being the one you want most; you can change them until \(when).")
    }
    /// How a candidate was admitted (the admission method's code).
    func admissionMethod(_ method: String) -> String {
        switch method {
        case "exam": pick("xét điểm thi tốt nghiệp THPT", "by graduation exam scores")
        case "transcript": pick("xét học bạ", "by school record")
        case "competency": pick("xét điểm thi đánh giá năng lực", "by competency test")
        case "direct": pick("xét tuyển thẳng", "by direct admission")
        default: method
        }
    }
    func confirmUntil(_ when: String) -> String { pick("Xác nhận nhập học trước \(when).", "Confirm before \(when).") }
    func healthTitle(_ name: String) -> String { pick("Khám sức khỏe: \(name)", "Health checks: \(name)") }
    func healthField(_ field: String) -> String {
        switch field {
        case "checkedOn": pick("Ngày khám", "Checked on")
        case "heightCm": pick("Chiều cao (cm)", "Height (cm)")
        case "weightKg": pick("Cân nặng (kg)", "Weight (kg)")
        case "visionLeft": pick("Thị lực mắt trái (n/10)", "Vision, left eye (n/10)")
        case "visionRight": pick("Thị lực mắt phải (n/10)", "Vision, right eye (n/10)")
        case "dental": pick("Răng miệng", "Teeth")
        case "conditions": pick("Bệnh tật phát hiện (cách nhau bởi dấu ;)", "Conditions found (separated by ;)")
        case "notes": pick("Ghi chú", "Notes")
        default: field
        }
    }
    func dental(_ state: String) -> String {
        switch state {
        case "healthy": pick("Bình thường", "Healthy")
        case "caries": pick("Sâu răng", "Caries")
        case "treated": pick("Đã điều trị", "Treated")
        case "gum_disease": pick("Bệnh nướu", "Gum disease")
        default: pick("Khác", "Other")
        }
    }
    func bmiCategory(_ category: GrowthReference.Category) -> String {
        switch category {
        case .severelyThin: pick(category.labelVI, "Severely thin")
        case .thin: pick(category.labelVI, "Thin")
        case .severelyWasted: pick(category.labelVI, "Severely wasted")
        case .wasted: pick(category.labelVI, "Wasted")
        case .normal: pick(category.labelVI, "Normal")
        case .riskOfOverweight: pick(category.labelVI, "Risk of overweight")
        case .overweight: pick(category.labelVI, "Overweight")
        case .obese: pick(category.labelVI, "Obese")
        }
    }
    func electiveLabel(_ number: Int) -> String { pick("Môn tự chọn \(number)", "Elective \(number)") }
    /// The exam's foreign languages by their codes (N1 English … N7 Korean).
    func examLanguage(_ code: String) -> String {
        let names: [String: (String, String)] = [
            "N1": ("Tiếng Anh", "English"), "N2": ("Tiếng Nga", "Russian"), "N3": ("Tiếng Pháp", "French"), "N4": ("Tiếng Trung Quốc", "Chinese"),
            "N5": ("Tiếng Đức", "German"), "N6": ("Tiếng Nhật", "Japanese"), "N7": ("Tiếng Hàn", "Korean"),
        ]
        return names[code].map { pick($0.0, $0.1) } ?? code
    }
    func wishLabel(_ rank: Int) -> String { pick("Nguyện vọng \(rank)", "Wish \(rank)") }
    func wishError(rank: Int, message: String) -> String { pick("Nguyện vọng \(rank): \(message)", "Wish \(rank): \(message)") }
    /// Whole đồng, thousands grouped as each language writes them.
    func vnd(_ amount: Int) -> String {
        var digits = String(amount), grouped = ""
        while digits.count > 3 {
            grouped = pick(".", ",") + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + pick(" đ", " VND")
    }
    /// A decimal as teachers and candidates write it: a comma in Vietnamese.
    func decimal(_ text: String) -> String { pick(text.replacingOccurrences(of: ".", with: ","), text) }
    /// An instant of the exam's timeline in Vietnam's time: "17:00 ngày 30/06/2027".
    func instant(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return pick("\(two(c.hour)):\(two(c.minute)) ngày \(two(c.day))/\(two(c.month))/\(c.year ?? 0)",
                    "\(two(c.hour)):\(two(c.minute)) on \(two(c.day))/\(two(c.month))/\(c.year ?? 0)")
    }
    /// The exam's subjects by their codes (DOMAIN.md §5.1).
    func examSubject(_ code: String) -> String {
        let names: [String: (String, String)] = [
            "TOAN": ("Toán", "Mathematics"), "NGUVAN": ("Ngữ văn", "Literature"), "NGOAINGU": ("Ngoại ngữ", "Foreign language"),
            "VATLI": ("Vật lí", "Physics"), "HOAHOC": ("Hoá học", "Chemistry"), "SINHHOC": ("Sinh học", "Biology"),
            "LICHSU": ("Lịch sử", "History"), "DIALI": ("Địa lí", "Geography"), "GDKTPL": ("Giáo dục kinh tế và pháp luật", "Economics and law"),
            "TINHOC": ("Tin học", "Informatics"), "CNCN": ("Công nghệ công nghiệp", "Industrial technology"),
            "CNNN": ("Công nghệ nông nghiệp", "Agricultural technology"), "KHTN": ("Khoa học tự nhiên", "Natural sciences"),
            "KHXH": ("Khoa học xã hội", "Social sciences"),
        ]
        return names[code].map { pick($0.0, $0.1) } ?? code
    }
    func conductTitle(className: String) -> String {
        pick("Rèn luyện và chuyên cần · lớp \(className)", "Conduct and attendance · class \(className)")
    }
    func conductErrorSummary(_ count: Int) -> String {
        pick("Chưa lưu: \(count) lỗi. Sửa các ô được đánh dấu rồi lưu lại; không ô nào được lưu.",
             "Not saved: \(count) errors. Correct the marked boxes and save again; nothing was stored.")
    }
    func errorSummary(_ count: Int) -> String {
        pick("Chưa lưu: \(count) lỗi. Sửa các ô được đánh dấu rồi lưu lại; không điểm nào được lưu.",
             "Not saved: \(count) errors. Correct the marked boxes and save again; no score was stored.")
    }
    func fieldError(learner: String, column: String, message: String) -> String {
        column.isEmpty ? "\(learner): \(message)" : "\(learner) — \(column): \(message)"
    }

    // Codes from the registry, shown in words
    func role(_ role: Role) -> String {
        switch role {
        case .ministryAdmin: pick("quản trị Bộ", "ministry administrator")
        case .ministryAnalyst: pick("chuyên viên phân tích của Bộ", "ministry analyst")
        case .departmentAdmin: pick("quản trị Sở", "department administrator")
        case .schoolAdmin: pick("quản trị nhà trường", "school administrator")
        case .teacher: pick("giáo viên", "teacher")
        case .schoolHealth: pick("nhân viên y tế trường học", "school health officer")
        case .institutionAdmin: pick("cán bộ tuyển sinh của cơ sở đào tạo", "institution admissions officer")
        case .apiClient: pick("phần mềm kết nối", "connected software")
        }
    }

    func level(_ level: String?) -> String {
        switch level {
        case "preschool": pick("Mầm non", "Preschool")
        case "primary": pick("Tiểu học", "Primary")
        case "lowerSecondary": pick("THCS", "Lower secondary")
        case "upperSecondary": pick("THPT", "Upper secondary")
        case "continuing": pick("GDTX", "Continuing education")
        case "multiLevel": pick("Liên cấp", "Multi-level")
        default: level ?? ""
        }
    }

    func schoolStatus(_ status: School.Status?) -> String {
        switch status {
        case .active, nil: pick("đang hoạt động", "active")
        case .suspended: pick("tạm dừng", "suspended")
        case .closed: pick("đã giải thể", "closed")
        case .merged: pick("đã sáp nhập", "merged")
        }
    }

    func enrolmentStatus(_ status: Enrolment.Status?) -> String {
        switch status {
        case .active, nil: pick("đang học", "enrolled")
        case .completed: pick("hoàn thành năm học", "year completed")
        case .withdrawn: pick("đã thôi học", "withdrawn")
        case .droppedOut: pick("bỏ học", "dropped out")
        case .transferredOut: pick("chuyển trường", "transferred out")
        }
    }

    func position(_ code: String?) -> String {
        switch code {
        case "teacher": pick("giáo viên", "teacher")
        case "principal": pick("hiệu trưởng", "principal")
        case "vicePrincipal": pick("phó hiệu trưởng", "vice-principal")
        case "staff": pick("nhân viên", "staff")
        default: code ?? ""
        }
    }

    func sex(_ code: String?) -> String {
        switch code {
        case "female": self[.female]
        case "male": self[.male]
        default: ""
        }
    }

    func learnersByProvince(_ year: String) -> String {
        pick("Học sinh theo tỉnh và cấp học, năm học \(year)", "Learners by province and level, \(year)")
    }
    func enrolmentStatisticsNote(total: String) -> String {
        pick("\(total) học sinh đang học, tính từ các lượt nhập học còn hiệu lực và khối của lớp.",
             "\(total) learners enrolled, counted from active enrolments and their classes' grades.")
    }
    func educationLevel(_ level: EnrolmentStatistics.Level) -> String {
        switch level {
        case .preschool: pick("Mầm non", "Preschool")
        case .primary: pick("Tiểu học", "Primary")
        case .lowerSecondary: pick("THCS", "Lower secondary")
        case .upperSecondary: pick("THPT", "Upper secondary")
        }
    }

    func importStatus(_ status: String) -> String {
        switch status {
        case "queued": pick("đang chờ", "queued")
        case "running": pick("đang nhập", "running")
        case "succeeded": pick("đã ghi", "stored")
        case "refused": pick("có dòng lỗi, không ghi gì", "rows refused, nothing stored")
        default: pick("không nhập được tệp", "file not imported")
        }
    }

    /// A verification status (DOMAIN.md §1.6) in words.
    func identityStatus(_ status: String) -> String {
        switch status {
        case "verified": pick("đã xác thực", "verified")
        case "verified_with_corrections": pick("đã xác thực, cần sửa thông tin", "verified, corrections suggested")
        case "mismatch": pick("không khớp", "mismatch")
        case "id_invalid": pick("mã định danh không hợp lệ", "invalid ID")
        case "id_not_found": pick("không tìm thấy mã định danh", "ID not found")
        case "candidate_found": pick("có người khớp, chờ rà soát", "candidate found, awaiting review")
        case "auto_linked": pick("đã liên kết tự động", "linked automatically")
        case "not_found": pick("không tìm thấy", "not found")
        case "ambiguous": pick("nhiều người giống, chờ rà soát", "ambiguous, awaiting review")
        default: status
        }
    }

    func runStatus(_ status: String) -> String {
        switch status {
        case "queued": pick("đang chờ", "queued")
        case "running": pick("đang chạy", "running")
        case "finished": pick("đã xong", "finished")
        default: pick("dừng do lỗi (chạy lại để tiếp tục)", "stopped by an error (start again to resume)")
        }
    }

    func verificationRateChart(_ level: String) -> String {
        level == "school" ? pick("Tỉ lệ xác thực theo trường", "Verification rate by school")
                          : pick("Tỉ lệ xác thực theo tỉnh", "Verification rate by province")
    }

    func transferStatus(_ status: String) -> String {
        switch status {
        case "requested": pick("chờ trường nhận duyệt", "awaiting the receiving school")
        case "approved": pick("đã duyệt", "approved")
        default: pick("bị từ chối", "refused")
        }
    }

    func transferError(_ code: String) -> String {
        code == "class" ? pick("Không có lớp này ở trường nhận trong năm học: để trống hoặc nhập đúng tên lớp.",
                               "The receiving school has no such class this year: leave it empty or type the class's name.")
                        : pick("Đề nghị này đã được quyết định.", "This request was already decided.")
    }

    func examStatisticsTitle(_ year: Int) -> String {
        pick("Thi tốt nghiệp THPT và tuyển sinh năm \(year)", "Graduation exam and admissions, \(year)")
    }

    func pendingReviews(_ count: Int) -> String { pick("\(count) hồ sơ chờ rà soát", "\(count) records await review") }

    func checkOutcome(_ outcome: CheckOutcome) -> String {
        switch outcome {
        case .passed: self[.passed]
        case .failed: self[.failed]
        case .warning: self[.warning]
        case .skipped: self[.skipped]
        }
    }
}
