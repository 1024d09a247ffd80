using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Calculators;
using Soudan.Web.Features.Calculators.Forms;
using Soudan.Web.Features.Calculators.Pages;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Cases.Pages;

/// <summary>
/// A calculator run on a case: the form filled in with what the case knows (the prefecture of the
/// consultation, the average wage worked out before) or with a calculation kept earlier, to
/// correct it; "Calculate" shows the answer, "Save to the case" keeps input and answer on it.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class CalculationModel(SoudanDbContext db, CaseDesk desk, MinimumWageRates rates, CalculatorWords words, AuditLog audit, TimeProvider clock)
    : CalculatorPageModel(rates, words, clock)
{
    public Case? Record { get; private set; }

    /// <summary>The calculation being corrected, when the form was opened from one.</summary>
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string kind, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Open(kind))
        {
            return NotFound();
        }

        Input.SetDefaults(Today);
        if (From is { } from)
        {
            var kept = await db.Set<CaseCalculation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == from && c.CaseId == id && c.Kind == kind, cancellationToken);
            if (kept is null)
            {
                return NotFound();
            }

            try
            {
                Input.Fill(desk.Read(kept.InputProtected)!);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                // Kept in a shape this version no longer reads: a blank form, and the old one stays on the case.
                From = null;
            }
        }
        else
        {
            Input.Prefill(await FactsAsync(id, cancellationToken));
        }

        // The form shows what the case holds (pay, hours): a view of the case.
        await audit.RecordAsync(AuditActions.CaseViewed, AuditLog.ActorOf(User), "case", id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        Input.Tidy();
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string kind, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!await ReadAsync(kind))
        {
            return NotFound();
        }

        await CalculateAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, string kind, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!await ReadAsync(kind))
        {
            return NotFound();
        }

        var run = await CalculateAsync(cancellationToken);
        if (!run.Succeeded)
        {
            return Page();
        }

        var replaces = From is { } from && await db.Set<CaseCalculation>().AnyAsync(c => c.Id == from && c.CaseId == id && c.Kind == kind, cancellationToken) ? From : null;
        var kept = await desk.KeepCalculationAsync(Record!, kind, run.InputJson(Input.InputType), run.ResultJson(), replaces, AuditLog.ActorOf(User)!.Value, cancellationToken);
        return Redirect($"/staff/cases/{id}#calculation-{kept.Id.ToString(CultureInfo.InvariantCulture)}");
    }

    protected override async Task<IActionResult?> RefusedAsync(CancellationToken cancellationToken)
    {
        var id = Convert.ToInt32(RouteData.Values["id"], CultureInfo.InvariantCulture);
        Record = await db.Set<Case>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Record is null)
        {
            return NotFound();
        }

        return new CaseAccess(User).CanAddEntries(Record) ? null : Forbid();
    }

    /// <summary>The prefecture of the case's first consultation that names one, and the newest average wage worked out on it.</summary>
    private async Task<KnownFacts> FactsAsync(int id, CancellationToken cancellationToken)
    {
        var prefecture = await db.Intakes.AsNoTracking()
            .Where(i => i.CaseId == id && i.PrefectureCode != null)
            .OrderBy(i => i.ReceivedAtUtc)
            .Select(i => i.PrefectureCode)
            .FirstOrDefaultAsync(cancellationToken);
        var averageWage = await db.Set<CaseCalculation>().AsNoTracking()
            .Where(c => c.CaseId == id && c.Kind == "average-wage")
            .OrderByDescending(c => c.Id)
            .Select(c => c.ResultProtected)
            .FirstOrDefaultAsync(cancellationToken);
        decimal? averageWageYen = null;
        try
        {
            averageWageYen = averageWage is null ? null : CalculationView.Of(CalculatorKind.Find("average-wage")!, desk.Read(averageWage)!, "{}").Number("averageWageYen");
        }
        catch (System.Text.Json.JsonException)
        {
            // Kept in a shape this version no longer reads: the box stays empty.
        }

        return new KnownFacts(prefecture, averageWageYen);
    }
}
