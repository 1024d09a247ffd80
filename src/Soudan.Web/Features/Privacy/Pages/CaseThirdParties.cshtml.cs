using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// A case's records of provision and receipt (APPI Arts. 29, 30). Provisions are recorded by the
/// referral form; a case referred in by another organisation records here who passed the data on and
/// how that organisation obtained it (Art. 30 asks the receiver to confirm both).
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class CaseThirdPartiesModel(SoudanDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public Case Record { get; private set; } = null!;

    public IReadOnlyList<ThirdPartyRecord> Records { get; private set; } = [];

    public ReceiptInput Input { get; private set; } = new();

    public bool Received { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(JapanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<IActionResult> OnGetAsync(int id, bool received, CancellationToken cancellationToken)
    {
        Received = received;
        Input = new ReceiptInput { On = FormValues.Show(Today) };
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, ReceiptInput input, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = input;
        var on = input.Validate(ModelState, S, Today);
        if (Record.IsErased)
        {
            ModelState.AddModelError("", S["The personal data of this case was erased."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = AuditLog.ActorOf(User)!.Value;
        db.Add(new ThirdPartyRecord
        {
            Direction = ThirdPartyDirection.Received,
            CaseId = id,
            On = on!.Value,
            RecordedAtUtc = now,
            RecordedBy = actor,
            KeepUntilUtc = JapanTime.ToUtc(on.Value.ToDateTime(TimeOnly.MinValue)).AddYears(ThirdPartyRecord.KeepYears).AddDays(1),
            People = [.. Record.Workers.Select(w => w.Person?.Name).OfType<string>()],
            Organisation = input.Organisation!,
            Address = input.Address,
            Representative = input.Representative,
            Items = input.Items,
            HowObtained = input.HowObtained,
        });
        audit.Add(AuditActions.ThirdPartyRecorded, actor, "case", id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/staff/cases/{id.ToString(CultureInfo.InvariantCulture)}/third-parties?received=true");
    }

    /// <summary>Those who manage the case record; interpreters and operators do not reach the page.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<Case>().Include(c => c.Workers).ThenInclude(w => w.Person).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } record)
        {
            return NotFound();
        }

        if (!new CaseAccess(User).CanManage(record))
        {
            return Forbid();
        }

        Record = record;
        Records = await db.Set<ThirdPartyRecord>().AsNoTracking().Where(r => r.CaseId == id).OrderByDescending(r => r.On).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        return null;
    }
}

/// <summary>Data received from another organisation, as typed.</summary>
public sealed class ReceiptInput
{
    public string? Organisation { get; set; }

    public string? Address { get; set; }

    public string? Representative { get; set; }

    public string? HowObtained { get; set; }

    public List<string> Items { get; set; } = [];

    public string? On { get; set; }

    public DateOnly? Validate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, IStringLocalizer<StaffText> S, DateOnly today)
    {
        (Organisation, Address, Representative, HowObtained) = (UserText.Line(Organisation), UserText.Line(Address), UserText.Line(Representative), UserText.Line(HowObtained));
        void Required(string? value, string field, string message)
        {
            if (string.IsNullOrEmpty(value))
            {
                state.AddModelError(field, message);
            }
            else if (value.Length > ThirdPartyRecord.TextMaxLength)
            {
                state.AddModelError(field, S["This is too long."]);
            }
        }

        Required(Organisation, nameof(Organisation), S["Name the organisation that passed the data on."]);
        Required(Address, nameof(Address), S["Give its address: the law asks the receiver to confirm it."]);
        Required(HowObtained, nameof(HowObtained), S["Say how that organisation obtained the data: the law asks the receiver to confirm it."]);
        if (Representative is { Length: > ThirdPartyRecord.TextMaxLength })
        {
            state.AddModelError(nameof(Representative), S["This is too long."]);
        }

        Items = [.. Items.Distinct()];
        if (Items.Count == 0 || Items.Any(code => !CaseReferral.Shareable.IsKnown(code)))
        {
            state.AddModelError(nameof(Items), S["Tick what was received."]);
        }

        if (!FormValues.TryDate(On, out var on) || on is not { } day)
        {
            state.AddModelError(nameof(On), S["Enter a date."]);
            return null;
        }

        if (day > today || day < today.AddYears(-10))
        {
            state.AddModelError(nameof(On), S["Enter a day in the last ten years, not after today."]);
            return null;
        }

        return day;
    }
}
