using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.LaborLaw.MinimumWages;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Calculators.Pages.Staff;

/// <summary>The minimum wages the calculators use, and a new revision loaded from a CSV (admins).</summary>
[Authorize(Policy = StaffPolicies.Admin)]
[RequestSizeLimit(MinimumWageRevision.MaxCsvLength + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MinimumWageRevision.MaxCsvLength + (64 * 1024))]
public sealed class MinimumWagesModel(SoudanDbContext db, MinimumWageRates rates, IStringLocalizer<StaffText> S) : PageModel
{
    public IReadOnlyList<MinimumWageRate> Newest { get; private set; } = [];

    public IReadOnlyList<MinimumWageRevision> Revisions { get; private set; } = [];

    /// <summary>What was wrong with the file sent, line by line, as the checker says it.</summary>
    public IReadOnlyList<string> FileErrors { get; private set; } = [];

    public IReadOnlyList<MinimumWageDecrease> Decreases { get; private set; } = [];

    [FromQuery]
    public int? Loaded { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool confirmDecrease, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", S["Choose a CSV file."]);
        }
        else if (file.Length > MinimumWageRevision.MaxCsvLength)
        {
            ModelState.AddModelError("file", S["The file is larger than {0} KB.", MinimumWageRevision.MaxCsvLength / 1024]);
        }

        if (ModelState.IsValid)
        {
            string csv;
            using (var reader = new StreamReader(file!.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
            {
                try
                {
                    csv = await reader.ReadToEndAsync(cancellationToken);
                }
                catch (DecoderFallbackException)
                {
                    csv = "";
                    ModelState.AddModelError("file", S["The file is not UTF-8 text: save it as CSV UTF-8."]);
                }
            }

            if (ModelState.IsValid)
            {
                var result = await rates.ImportAsync(csv, Path.GetFileName(file.FileName), AuditLog.ActorOf(User), confirmDecrease, cancellationToken);
                if (result.Succeeded)
                {
                    return RedirectToPage(new { loaded = result.Loaded });
                }

                (FileErrors, Decreases) = (result.Errors, result.Decreases);
                ModelState.AddModelError("file", result.Errors.Count > 0
                    ? S["The file was not loaded: {0} problems, listed below.", result.Errors.Count]
                    : S["The file lowers {0} rates. Check it; tick the box to load it anyway.", result.Decreases.Count]);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var table = await rates.CurrentAsync(cancellationToken);
        Newest = [.. table.PrefectureCodes.Select(code => table.Newest(code)!)];
        Revisions = await db.Set<MinimumWageRevision>().AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new MinimumWageRevision { LoadedAtUtc = r.LoadedAtUtc, LoadedById = r.LoadedById, FileName = r.FileName, Csv = "", RateCount = r.RateCount, DecreaseConfirmed = r.DecreaseConfirmed })
            .Take(50).ToListAsync(cancellationToken);
    }
}
