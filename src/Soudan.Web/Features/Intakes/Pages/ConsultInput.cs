using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes.Pages;

/// <summary>The consultation form as posted. Checked by <see cref="IntakeRules"/>, like the API.</summary>
public sealed class ConsultInput
{
    /// <summary>The select's value for "my language is not in the list".</summary>
    public const string OtherLanguageChoice = "other";

    public string? Name { get; set; }

    public string? PreferredLanguage { get; set; }

    public string? OtherLanguage { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Line { get; set; }

    public string? OtherContact { get; set; }

    public string? BestTime { get; set; }

    /// <summary>"yes", "no" or empty.</summary>
    public string? SafeToLeaveMessage { get; set; }

    public string? SafeToSayWhoIsCalling { get; set; }

    public string? PrefectureCode { get; set; }

    public string? Nationality { get; set; }

    public string? ResidenceStatus { get; set; }

    public string? Employer { get; set; }

    public string? DispatchAgency { get; set; }

    public string? EmploymentType { get; set; }

    public string? Industry { get; set; }

    public List<string> Problems { get; set; } = [];

    public List<string> Urgent { get; set; } = [];

    public string? Description { get; set; }

    public bool Consent { get; set; }

    /// <summary>The honeypot: hidden from people, filled by bots.</summary>
    public string? Website { get; set; }

    public IntakeRequest ToRequest(PublicLanguage language) => new()
    {
        Name = Name,
        PreferredLanguage = PreferredLanguage == OtherLanguageChoice || string.IsNullOrEmpty(PreferredLanguage) ? OtherLanguage : PreferredLanguage,
        InterfaceLanguage = language.Code,
        Contact = new IntakeContact
        {
            Phone = Phone,
            Email = Email,
            Line = Line,
            Other = OtherContact,
            BestTime = BestTime,
            SafeToLeaveMessage = YesNo(SafeToLeaveMessage),
            SafeToSayWhoIsCalling = YesNo(SafeToSayWhoIsCalling),
        },
        PrefectureCode = PrefectureCode,
        Nationality = Nationality,
        ResidenceStatus = ResidenceStatus,
        Employer = Employer,
        DispatchAgency = DispatchAgency,
        EmploymentType = EmploymentType,
        Industry = Industry,
        Problems = Problems,
        Urgent = Urgent,
        Description = Description,
        Consent = Consent,
    };

    /// <summary>The language a reader of these pages most likely wants answers in.</summary>
    public static string DefaultAnswerLanguage(PublicLanguage language) => language.Code switch
    {
        "ja-easy" => "ja",
        "zh-Hans" => "zh",
        "pt-BR" => "pt",
        var code => code,
    };

    private static bool? YesNo(string? value) => value switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
