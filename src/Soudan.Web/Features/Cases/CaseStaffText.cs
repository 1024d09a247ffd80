using Soudan.Web.Features.Intakes;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Cases;

/// <summary>How case words read on staff pages (keys of the staff text).</summary>
public static class CaseStaffText
{
    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.New => Localizable.Staff("New"),
        CaseStatus.Active => Localizable.Staff("Active"),
        CaseStatus.WaitingOnWorker => Localizable.Staff("Waiting on the worker"),
        CaseStatus.Referred => Localizable.Staff("Referred"),
        CaseStatus.Resolved => Localizable.Staff("Resolved"),
        CaseStatus.Closed => Localizable.Staff("Closed"),
        _ => Localizable.Staff("New"),
    };

    public static string Urgency(CaseUrgency urgency) => urgency switch
    {
        CaseUrgency.Urgent => Localizable.Staff("Urgent"),
        CaseUrgency.High => Localizable.Staff("High"),
        _ => Localizable.Staff("Normal"),
    };

    public static string Direction(ContactDirection direction) => direction switch
    {
        ContactDirection.FromWorker => Localizable.Staff("from the worker"),
        _ => Localizable.Staff("to the worker"),
    };

    /// <summary>Contact channels offered on the case page; stored as these codes.</summary>
    public static TermList Channels { get; } = new(
    [
        new("call", Localizable.Staff("Phone call")),
        new("meeting", Localizable.Staff("Meeting")),
        new("message", Localizable.Staff("Message (LINE, SMS, WhatsApp...)")),
        new("email", Localizable.Staff("E-mail")),
        new("letter", Localizable.Staff("Letter")),
    ]);

    public static string Channel(string? code) => Channels.LabelOf(code);
}
