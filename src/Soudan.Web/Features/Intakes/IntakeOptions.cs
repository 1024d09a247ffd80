using System.ComponentModel.DataAnnotations;

namespace Soudan.Web.Features.Intakes;

/// <summary>Settings under <c>Intake</c>.</summary>
public sealed class IntakeOptions
{
    /// <summary>Within how many days a counselor contacts someone who wrote; the received page says so.</summary>
    [Range(1, 30)]
    public int CallbackDays { get; set; } = 3;

    /// <summary>
    /// How long the same consultation sent again (a double tap, a retried request) shows its private
    /// link again; afterwards only its reference.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReplayShowsLinkFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a private link keeps working after its consultation (or its case) is closed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan LinkWorksAfterClosing { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Where "Leave this site quickly" goes: somewhere that looks like nothing.</summary>
    [Url]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";
}
