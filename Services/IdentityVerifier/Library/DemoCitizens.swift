import MizPersian

/// Documented citizens of the embedded registry, for trying the desk by hand. They are
/// written with the generated population and never change:
///
/// | national code | birth date | first name | last name | mobile |
/// |---|---|---|---|---|
/// | 0012345679 | 1370/05/12 | علی | رضایی | 09121234567 |
/// | 0023456787 | 1365/12/29 | فاطمه | محمدی | 09351234567 |
/// | 0034567895 | 1358/07/30 | محمدرضا | کریمی | 09191112233 |
/// | 0045678911 | 1380/01/01 | زهرا | حسینی‌نژاد | 09011234567 |
/// | 0056789122 | 1375/12/30 | مریم | احمدی | 09301234567 |
///
/// Things to try: «محمد رضا» / «كريمي» (space, Arabic letters) still match the third;
/// 1375/12/30 exists (a leap year) while 1376/12/30 does not; the first citizen with the
/// second's mobile gives «اطلاعات متقاضی معتبر نمی باشد», exactly like a wrong birth date.
package enum DemoCitizens {
    /// The demo citizens, in the table's order.
    package static let all: [SyntheticCitizen] = [
        SyntheticCitizen(
            nationalCode: "0012345679", birthDate: "1370-05-12", firstName: "علی", lastName: "رضایی",
            mobile: "09121234567"),
        SyntheticCitizen(
            nationalCode: "0023456787", birthDate: "1365-12-29", firstName: "فاطمه", lastName: "محمدی",
            mobile: "09351234567"),
        SyntheticCitizen(
            nationalCode: "0034567895", birthDate: "1358-07-30", firstName: "محمدرضا", lastName: "کریمی",
            mobile: "09191112233"),
        SyntheticCitizen(
            nationalCode: "0045678911", birthDate: "1380-01-01", firstName: "زهرا", lastName: "حسینی‌نژاد",
            mobile: "09011234567"),
        SyntheticCitizen(
            nationalCode: "0056789122", birthDate: "1375-12-30", firstName: "مریم", lastName: "احمدی",
            mobile: "09301234567"),
    ]
}
