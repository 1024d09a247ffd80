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
}
