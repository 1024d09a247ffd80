using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Intakes;

/// <summary>How a consultation's status reads on staff pages (keys of the staff text).</summary>
public static class IntakeStaffText
{
    public static string Status(IntakeStatus status) => status switch
    {
        IntakeStatus.Received => Localizable.Staff("New"),
        IntakeStatus.InProgress => Localizable.Staff("In progress"),
        IntakeStatus.Answered => Localizable.Staff("Answered, waiting for the worker"),
        IntakeStatus.Closed => Localizable.Staff("Closed"),
        _ => Localizable.Staff("New"),
    };

    public static string Triage(TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.CaseOpened => Localizable.Staff("Case opened"),
        TriageOutcome.AttachedToCase => Localizable.Staff("Added to a case"),
        TriageOutcome.Spam => Localizable.Staff("Closed as spam"),
        TriageOutcome.Duplicate => Localizable.Staff("Closed as a duplicate"),
        _ => Localizable.Staff("Waiting for triage"),
    };
}
