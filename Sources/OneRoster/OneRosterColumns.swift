/// The OneRoster 1.2 CSV files NEMIS writes and their columns, in the specification's order
/// (OneRoster v1.2 CSV Tables, §2–§3). Every writer and reader takes its header from here.
public enum OneRosterFile: String, CaseIterable, Sendable {
    case orgs, academicSessions, courses, classes, users, roles, enrollments, demographics

    public var fileName: String { rawValue + ".csv" }

    public var columns: [String] {
        switch self {
        case .orgs:
            ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"]
        case .academicSessions:
            ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"]
        case .courses:
            ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId",
             "subjects", "subjectCodes"]
        case .classes:
            ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location",
             "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"]
        case .users:
            ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName",
             "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
             "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"]
        case .roles:
            ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
             "userProfileSourcedId"]
        case .enrollments:
            ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary",
             "beginDate", "endDate"]
        case .demographics:
            ["sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
             "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
             "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
             "publicSchoolResidenceStatus"]
        }
    }

    /// Every `file.*` property manifest.csv must list (OneRoster v1.2 CSV §2.1), in the spec's order.
    public static let manifestFileProperties = [
        "academicSessions", "categories", "classes", "classResources", "courses", "courseResources", "demographics",
        "enrollments", "lineItemLearningObjectiveIds", "lineItems", "lineItemScoreScales", "orgs", "resources",
        "resultLearningObjectiveIds", "results", "resultScoreScales", "roles", "scoreScales", "userProfiles",
        "userResources", "users",
    ]
}
