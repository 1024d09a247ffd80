using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Intakes;

namespace Soudan.Tests.Features.Cases;

/// <summary>What case tests do first: a consultation arrives and a counselor opens a case from it.</summary>
internal static class CaseSteps
{
    public static async Task<long> IntakeIdAsync(this SoudanApp app, string reference) =>
        await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Intakes.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync());

    /// <summary>A counselor opens a case from a new consultation; returns the case id.</summary>
    public static async Task<int> OpenCaseAsync(this SoudanApp app, PageClient counselor, IntakeRequest? request = null)
    {
        var receipt = await app.SubmitIntakeAsync(request ?? SoudanApp.SampleIntake() with { Contact = new IntakeContact { Phone = UniquePhone() } });
        var intakeId = await app.IntakeIdAsync(receipt.Reference);
        // A new person, even when the queue suggests someone already known by the same name.
        var opened = await counselor.SubmitAsync($"/staff/intakes/{intakeId}", new Dictionary<string, string> { ["personId"] = "" }, handler: "OpenCase");
        Assert.Matches(@"^/staff/cases/\d+$", opened.Headers.Location?.OriginalString);
        return int.Parse(opened.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string UniquePhone() => "090-" + Random.Shared.Next(1000, 9999) + "-" + Random.Shared.Next(1000, 9999);
}
