/// Why an amount or a currency code could not be read: the text and the problem in one sentence.
///
/// `description` reads like `"EUX" is not an ISO 4217 currency code (such as EUR, USD, GBP or
/// CHF)`. Callers put the place in front: `--fee`, or `album.yaml:12:20: people[1].rate.amount`.
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong, as a sentence that quotes `text`.
    public var message: String
    /// The kind of problem, for code that wants to tell them apart.
    public var code: Code

    /// An error of kind `code` about `text`, explained by `message`.
    public init(code: Code, text: String, _ message: String) {
        self.code = code
        self.text = text
        self.message = message
    }

    public var description: String { message }

    /// The kind of problem. New kinds may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case notAnAmount = "not an amount"
            case negative = "negative amount"
            case unknownCurrency = "unknown currency"
            case currencyCase = "currency in lower case"
            case otherCurrency = "other currency"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The text is not a plain decimal number with at most two decimals.
        public static let notAnAmount = Code(.notAnAmount)
        /// A negative amount where only 0 or more makes sense.
        public static let negative = Code(.negative)
        /// A code that is not an active ISO 4217 code.
        public static let unknownCurrency = Code(.unknownCurrency)
        /// An ISO 4217 code written in lower case (`eur`).
        public static let currencyCase = Code(.currencyCase)
        /// A valid code that is not the project's currency (amounts are never converted).
        public static let otherCurrency = Code(.otherCurrency)

        /// A few words naming the kind, such as `unknown currency`.
        public var description: String { wrapped.rawValue }
    }
}
