using System.ComponentModel.DataAnnotations;

namespace Soudan.Web.Features.Intakes;

/// <summary>Settings under <c>Intake</c>.</summary>
public sealed class IntakeOptions
{
    /// <summary>Within how many days a counselor contacts someone who wrote; the received page says so.</summary>
    [Range(1, 30)]
    public int CallbackDays { get; set; } = 3;

    /// <summary>Where "Leave this site quickly" goes: somewhere that looks like nothing.</summary>
    [Url]
    public string QuickExitUrl { get; set; } = "https://www.google.com/";
}
