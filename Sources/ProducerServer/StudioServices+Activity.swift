import Foundation
import ProducerOffice

extension StudioServices {
    /// Records one line of `projectID`'s activity log (which is also its members' notifications).
    func record(
        _ verb: ActivityEntry.Verb, _ subject: String, projectID: String, by account: Account?, link: String? = nil
    ) async throws {
        try await studio.addActivity(
            ActivityEntry(
                projectID: projectID, at: now(), accountID: account?.id, verb: verb, subject: subject, link: link))
    }
}
