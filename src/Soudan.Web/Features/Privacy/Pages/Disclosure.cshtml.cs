using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy.Pages;

/// <summary>
/// A person asked what Soudan holds about them (APPI Art. 33): the page says what the archive will
/// hold and proposes a password; posting it downloads the encrypted archive and audits who made it.
/// The password is never stored: the staff member gives it to the person another way than the file.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class DisclosureModel(SoudanDbContext db, Disclosure disclosure, AuditLog audit, TimeProvider clock, IStringLocalizer<StaffText> S) : PageModel
{
    public Person Record { get; private set; } = null!;

    public IReadOnlyList<DisclosedSection> Sections { get; private set; } = [];

    public int Documents => _documents.Count;

    private IReadOnlyList<CaseDocument> _documents = [];

    public string Password { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Password = Disclosure.NewPassword();
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? password, bool passwordNoted, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Password = password?.Trim() ?? "";
        if (Password.Length is < Disclosure.PasswordMinLength or > Disclosure.PasswordMaxLength)
        {
            ModelState.AddModelError("password", S["Use a password of {0} to {1} characters.", Disclosure.PasswordMinLength, Disclosure.PasswordMaxLength]);
        }

        if (!passwordNoted)
        {
            ModelState.AddModelError("passwordNoted", S["Tick the box to say you noted the password: Soudan does not keep it."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var archive = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await disclosure.WriteArchiveAsync(Sections, _documents, Password, now, archive, cancellationToken);
        archive.Position = 0;
        audit.Add(AuditActions.DisclosureProduced, AuditLog.ActorOf(User), "person", id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(archive, "application/zip", $"disclosure-{id.ToString(CultureInfo.InvariantCulture)}-{Infrastructure.Time.JapanTime.FromUtc(now):yyyyMMdd}.zip");
    }

    /// <summary>Those who work on all cases answer such a request; interpreters do not.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (!new CaseAccess(User).WorksOnAllCases)
        {
            return Forbid();
        }

        if (await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person
            || await disclosure.GatherAsync(id, cancellationToken) is not { } gathered)
        {
            return NotFound();
        }

        // Gathered once: the same sections are counted on the page and written to the archive.
        (Record, Sections, _documents) = (person, gathered.Sections, gathered.Documents);
        return null;
    }
}
