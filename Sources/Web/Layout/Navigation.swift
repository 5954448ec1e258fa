import Platform

/// The links of the navigation bar, following the roles the signed-in user holds: an officer of the
/// ministry or a department browses schools and learners; a school admin their school, its classes
/// and staff; a teacher their own classes. Everyone may verify a school record.
enum Navigation {
    struct Link: Equatable {
        let label: String
        let href: String
    }

    static func links(for principal: Principal?, _ strings: Strings) -> [Link] {
        var links = [Link(label: strings[.home], href: "/")]
        if principal?.examRegistrationID != nil { links.append(Link(label: strings[.myExam], href: "/my-exam")) }
        for grant in principal?.grants ?? [] {
            for link in roleLinks(grant, strings) where !links.contains(link) { links.append(link) }
        }
        links.append(Link(label: strings[.verify], href: "/verify"))
        return links
    }

    private static func roleLinks(_ grant: Grant, _ strings: Strings) -> [Link] {
        switch grant.role {
        case .ministryAdmin, .ministryAnalyst, .departmentAdmin:
            [Link(label: strings[.schools], href: "/schools"), Link(label: strings[.learners], href: "/learners"),
             Link(label: strings[.statistics], href: "/statistics")]
                + (grant.role == .ministryAnalyst ? [] : [Link(label: strings[.imports], href: "/imports"),
                                                           Link(label: strings[.identity], href: "/identity"),
                                                           Link(label: strings[.examStatistics], href: "/exam-statistics")])
        case .schoolAdmin:
            // A school's node in the tree has the school record's ID.
            [Link(label: strings[.mySchool], href: "/schools/\(grant.orgID)"),
             Link(label: strings[.classes], href: "/schools/\(grant.orgID)#classes"),
             Link(label: strings[.staff], href: "/schools/\(grant.orgID)/staff"),
             Link(label: strings[.movements], href: "/schools/\(grant.orgID)/enrolments"),
             Link(label: strings[.transfers], href: "/transfers"),
             Link(label: strings[.learners], href: "/learners"),
             Link(label: strings[.imports], href: "/imports"),
             Link(label: strings[.identity], href: "/identity")]
        case .teacher:
            [Link(label: strings[.myClasses], href: "/my-classes"), Link(label: strings[.learners], href: "/learners")]
        case .schoolHealth:
            [Link(label: strings[.learners], href: "/learners")]
        case .institutionAdmin, .apiClient:
            []
        }
    }
}
