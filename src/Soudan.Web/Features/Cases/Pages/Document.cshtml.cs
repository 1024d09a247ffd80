using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Infrastructure.Audit;

namespace Soudan.Web.Features.Cases.Pages;

/// <summary>
/// Downloads a case document, for those who may see the case (and, for a sensitive one, its
/// counselor and admins); every download is audited. Always an attachment, never rendered inline,
/// and never cached.
/// </summary>
[Authorize(Policy = StaffPolicies.Cases)]
public sealed class DocumentModel(SoudanDbContext db, CaseDocumentStore documents, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int documentId, CancellationToken cancellationToken)
    {
        var @case = await db.Set<Case>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var document = await db.Set<CaseDocument>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.CaseId == id, cancellationToken);
        if (@case is null || document is null)
        {
            return NotFound();
        }

        var access = new CaseAccess(User);
        if (!access.CanView(@case) || (document.IsSensitive && !access.CanSeeSensitive(@case)))
        {
            return Forbid();
        }

        var bytes = await documents.ReadAsync(documentId, cancellationToken);
        if (bytes is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.DocumentDownloaded, AuditLog.ActorOf(User), "document", documentId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(bytes, document.ContentType, document.FileName);
    }
}
