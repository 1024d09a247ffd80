using System.Globalization;
using System.Net.Mail;
using Soudan.Web.Infrastructure.Japan;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Text;

namespace Soudan.Web.Features.Intakes;

/// <summary>
/// A consultation as the API receives it (PRODUCT.md, <c>POST /api/v1/intakes</c>) and as the form's
/// fields map onto it: one contract, one set of rules, whichever way it arrives.
/// </summary>
public sealed record IntakeRequest
{
    /// <summary>What to call the person; a nickname is fine.</summary>
    /// <example>Maria</example>
    public string? Name { get; init; }

    /// <summary>The language to answer in: a code (<c>tl</c>) or, for a rarer one, its name.</summary>
    /// <example>tl</example>
    public string? PreferredLanguage { get; init; }

    /// <summary>The public language of the pages the person reads (<c>tl</c>, <c>ja-easy</c>...); English when absent.</summary>
    /// <example>tl</example>
    public string? InterfaceLanguage { get; init; }

    public IntakeContact? Contact { get; init; }

    /// <summary>JIS X 0401 code of the workplace's prefecture, "01" to "47".</summary>
    /// <example>13</example>
    public string? PrefectureCode { get; init; }

    /// <summary>ISO 3166 country code.</summary>
    /// <example>PH</example>
    public string? Nationality { get; init; }

    /// <example>technical-intern-training</example>
    public string? ResidenceStatus { get; init; }

    public string? Employer { get; init; }

    public string? DispatchAgency { get; init; }

    /// <example>dispatched</example>
    public string? EmploymentType { get; init; }

    /// <example>hospitality</example>
    public string? Industry { get; init; }

    public IReadOnlyList<string>? Problems { get; init; }

    public IReadOnlyList<string>? Urgent { get; init; }

    /// <summary>What happened, in any language and script.</summary>
    public string? Description { get; init; }

    /// <summary>Agreement to the privacy notice; required.</summary>
    public bool Consent { get; init; }
}

public sealed record IntakeContact
{
    /// <example>090-1234-5678</example>
    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>LINE ID.</summary>
    public string? Line { get; init; }

    /// <summary>Another way: Facebook, WhatsApp...</summary>
    public string? Other { get; init; }

    /// <example>evenings</example>
    public string? BestTime { get; init; }

    public bool? SafeToLeaveMessage { get; init; }

    public bool? SafeToSayWhoIsCalling { get; init; }
}

/// <summary>A field (as the API names it) and what is wrong with it (a key of the public text).</summary>
public sealed record IntakeError(string Field, string Message, object[] Arguments);

/// <summary>The consultation, cleaned and checked: what is stored.</summary>
public sealed record CleanIntake(
    string? Name,
    string? PreferredLanguage,
    PublicLanguage InterfaceLanguage,
    string? Phone,
    string? Email,
    string? Line,
    string? OtherContact,
    string? BestTime,
    bool? SafeToLeaveMessage,
    bool? SafeToSayWhoIsCalling,
    string? PrefectureCode,
    string? Nationality,
    string? ResidenceStatus,
    string? Employer,
    string? DispatchAgency,
    string? EmploymentType,
    string? Industry,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Urgent,
    string? Description);

public static class IntakeRules
{
    /// <summary>Cleans every field (UserText) and checks it; either a clean intake or the list of what to fix.</summary>
    public static (CleanIntake? Intake, IReadOnlyList<IntakeError> Errors) Check(IntakeRequest request)
    {
        var errors = new List<IntakeError>();
        void Error(string field, string message, params object[] arguments) => errors.Add(new(field, message, arguments));
        string? Line(string field, string? value, int maxLength)
        {
            var clean = UserText.Line(value);
            if (clean?.Length > maxLength)
            {
                Error(field, Localizable.Public("This is too long. Please shorten it to {0} characters."), maxLength);
            }

            return clean;
        }

        var name = Line("name", request.Name, Intake.NameMaxLength);
        if (name is null)
        {
            Error("name", Localizable.Public("Tell us what to call you. A nickname is fine."));
        }

        // Without an interface language, the language to answer in decides the follow-up page's, when it has one.
        var interfaceLanguage = PublicLanguages.FromAcceptLanguage(request.PreferredLanguage) ?? PublicLanguages.English;
        if (!string.IsNullOrEmpty(request.InterfaceLanguage))
        {
            if (PublicLanguages.FindByCodeIgnoringCase(request.InterfaceLanguage) is { } found)
            {
                interfaceLanguage = found;
            }
            else
            {
                Error("interfaceLanguage", Localizable.Public("Choose from the list."));
            }
        }

        var preferred = Line("preferredLanguage", request.PreferredLanguage, 50);
        var contact = request.Contact ?? new IntakeContact();
        var phone = Line("contact.phone", contact.Phone, Intake.PhoneMaxLength);
        if (phone is not null && (phone.Count(char.IsAsciiDigit) < 6 || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.')))
        {
            Error("contact.phone", Localizable.Public("Enter a phone number in digits, such as 090-1234-5678."));
        }

        var email = Line("contact.email", contact.Email, Intake.EmailMaxLength);
        if (email is not null && (!MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            Error("contact.email", Localizable.Public("Enter an e-mail address like name@example.org."));
        }

        var line = Line("contact.line", contact.Line, Intake.LineIdMaxLength);
        var other = Line("contact.other", contact.Other, Intake.ShortTextMaxLength);
        if (phone is null && email is null && line is null && other is null)
        {
            Error("contact", Localizable.Public("Give us at least one way to reach you: phone, e-mail, LINE or another way."));
        }

        var bestTime = Line("contact.bestTime", contact.BestTime, Intake.ShortTextMaxLength);

        string? Code(string field, string? value, Func<string, bool> known)
        {
            var code = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (code is not null && !known(code))
            {
                Error(field, Localizable.Public("Choose from the list."));
                return null;
            }

            return code;
        }

        var prefecture = Code("prefectureCode", request.PrefectureCode, c => Prefectures.Find(c) is not null);
        var nationality = Code("nationality", request.Nationality?.ToUpperInvariant(), WorldNames.IsCountry);
        var residence = Code("residenceStatus", request.ResidenceStatus, ConsultationTerms.ResidenceStatuses.IsKnown);
        var employment = Code("employmentType", request.EmploymentType, ConsultationTerms.EmploymentTypes.IsKnown);
        var industry = Code("industry", request.Industry, ConsultationTerms.Industries.IsKnown);
        var employer = Line("employer", request.Employer, Intake.ShortTextMaxLength);
        var agency = Line("dispatchAgency", request.DispatchAgency, Intake.ShortTextMaxLength);

        IReadOnlyList<string> Codes(string field, IReadOnlyList<string>? values, TermList terms)
        {
            var codes = (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count > terms.All.Count || codes.Any(c => !terms.IsKnown(c)))
            {
                Error(field, Localizable.Public("Choose from the list."));
                return [];
            }

            return codes;
        }

        var problems = Codes("problems", request.Problems, ConsultationTerms.Problems);
        var urgent = Codes("urgent", request.Urgent, ConsultationTerms.UrgentNeeds);
        var description = UserText.Paragraphs(request.Description);
        if (description?.Length > Intake.StoryMaxLength)
        {
            Error("description", Localizable.Public("This is too long. Please shorten it to {0} characters."), Intake.StoryMaxLength);
        }
        else if (description is null && problems.Count == 0)
        {
            Error("description", Localizable.Public("Tell us what happened: tick a problem or write a few words."));
        }

        if (!request.Consent)
        {
            Error("consent", Localizable.Public("Please agree to the privacy notice, so that we can read your consultation."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CleanIntake(
            name, preferred, interfaceLanguage, phone, email, line, other, bestTime,
            contact.SafeToLeaveMessage, contact.SafeToSayWhoIsCalling,
            prefecture, nationality, residence, employer, agency, employment, industry,
            problems, urgent, description), []);
    }

    /// <summary>A number in the reader's digits and separators, for messages such as "10,000 characters".</summary>
    public static string FormatArgument(object argument, CultureInfo culture) =>
        argument is int number ? number.ToString("N0", culture) : Convert.ToString(argument, culture) ?? "";
}
