import MizPersian

/// Generates the embedded registry's citizens: deterministic for a seed, so every machine
/// and every first start builds the same registry, and a test can name a generated person.
///
/// National codes are nine random digits plus their check digit; birth dates fall between
/// 1300 and 1385 and exist in the calendar (Esfand 30 only in leap years); each person has a
/// first name of their gender, a last name and one mobile number with a real operator prefix.
/// National codes and mobiles are unique, and none collides with the demo citizens.
package enum SyntheticPopulation {
    /// The seed of a local run's registry.
    package static let defaultSeed: UInt64 = 1405

    /// The population size of a local run's registry.
    package static let defaultCount = 100_000

    /// The operator prefixes generated mobiles use (three digits after the leading 0).
    private static let mobilePrefixes = [
        "910", "911", "912", "913", "914", "915", "916", "917", "918", "919", "990", "991", "901", "902", "903",
        "930", "933", "935", "936", "937", "938", "939", "920", "921", "932", "998",
    ]

    /// `count` citizens drawn from `seed`, demo citizens not included.
    package static func generate(count: Int, seed: UInt64) -> [SyntheticCitizen] {
        var random = SplitMix64(seed: seed)
        var codes = Set(DemoCitizens.all.map(\.nationalCode))
        var mobiles = Set(DemoCitizens.all.map(\.mobile))
        let leapYears = Set((1300...1385).filter { JalaliDate.isLeapYear($0) })
        var citizens: [SyntheticCitizen] = []
        citizens.reserveCapacity(count)
        while citizens.count < count {
            let prefix = digits(9, using: &random)
            guard Set(prefix).count > 1 else { continue }
            let code = NationalCode.makeValid(prefix9: prefix).digits
            guard codes.insert(code).inserted else { continue }
            var mobile: String
            repeat {
                mobile =
                    "0" + mobilePrefixes[Int(random.next() % UInt64(mobilePrefixes.count))]
                    + digits(7, using: &random)
            } while !mobiles.insert(mobile).inserted
            let year = 1300 + Int(random.next() % 86)
            let month = 1 + Int(random.next() % 12)
            let length = month <= 6 ? 31 : month <= 11 ? 30 : leapYears.contains(year) ? 30 : 29
            let day = 1 + Int(random.next() % UInt64(length))
            let isFemale = random.next() % 2 == 0
            let firstNames = isFemale ? PersianNames.female : PersianNames.male
            let firstName = firstNames[Int(random.next() % UInt64(firstNames.count))]
            let lastName = PersianNames.last[Int(random.next() % UInt64(PersianNames.last.count))]
            citizens.append(
                SyntheticCitizen(
                    nationalCode: code, birthDate: "\(year)-\(pad(month))-\(pad(day))", firstName: firstName,
                    lastName: lastName, mobile: mobile))
        }
        return citizens
    }

    private static func digits(_ count: Int, using random: inout SplitMix64) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count {
            text.append(Character(Unicode.Scalar(UInt8(48 + random.next() % 10))))
        }
        return text
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
