using System.ComponentModel.DataAnnotations;

namespace Soudan.Web.Features.Privacy;

/// <summary>Settings under <c>Privacy</c>: how long a counselor has to decide on a worker's request to be deleted.</summary>
public sealed class PrivacyOptions
{
    /// <summary>
    /// Days a counselor has, after a worker with a case asks to be deleted, to put the case under legal
    /// hold (an open claim, a court case); afterwards the case's personal data is erased. The worker's
    /// page says this number.
    /// </summary>
    [Range(1, 60)]
    public int DecideErasureWithinDays { get; set; } = 14;
}
