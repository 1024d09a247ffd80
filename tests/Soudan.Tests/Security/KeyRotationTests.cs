using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Tests.Security;

/// <summary>A new key, every sensitive field encrypted again, the old keys revoked: nothing lost, nothing left under an old key.</summary>
public sealed class KeyRotationTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task After_a_rotation_every_field_reads_as_before_and_nothing_opens_with_the_old_keys(TestDatabase database)
    {
        await using var app = await SoudanApp.StartAsync(database);
        var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var receipt = await app.SubmitIntakeAsync(SoudanApp.SampleIntake() with { Description = "Story before the rotation" });
        var id = await app.OpenCaseAsync(counselor);
        await counselor.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["text"] = "Note before the rotation", ["sensitive"] = "true" }, handler: "Note");
        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, "slip.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 slip before the rotation"));
        counselor.Dispose();
        var (noteBefore, documentBefore) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (await db.Set<CaseEntry>().Where(e => e.CaseId == id && e.Kind == CaseEntryKind.Note).Select(e => e.TextProtected!).SingleAsync(),
                await db.Set<CaseDocumentContent>().Select(c => c.Protected).SingleAsync());
        });

        var result = await app.WithScopeAsync(s => s.GetRequiredService<KeyRotation>().RotateAsync(revokeOld: true, CancellationToken.None));

        var (noteAfter, documentAfter) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            return (await db.Set<CaseEntry>().Where(e => e.CaseId == id && e.Kind == CaseEntryKind.Note).Select(e => e.TextProtected!).SingleAsync(),
                await db.Set<CaseDocumentContent>().Select(c => c.Protected).SingleAsync());
        });
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SensitiveText.Purpose);
        using var again = await app.SignInAsync(StaffRoles.Admin);  // revoking signed everyone out; a new sign-in works
        var casePage = PageClient.MainText(await again.GetPageAsync($"/staff/cases/{id}"));
        var intakeId = await app.IntakeIdAsync(receipt.Reference);
        var intakePage = PageClient.MainText(await again.GetPageAsync($"/staff/intakes/{intakeId}"));
        var documentId = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseDocument>().Select(d => d.Id).SingleAsync());
        var document = await (await again.GetAsync($"/staff/cases/{id}/documents/{documentId}")).Content.ReadAsStringAsync();

        Assert.True(result.Reencrypted >= 3, result.ToString());
        Assert.Equal(0, result.Unreadable);
        Assert.True(result.Revoked >= 1);
        Assert.NotEqual(noteBefore, noteAfter);
        Assert.NotEqual(documentBefore, documentAfter);
        Assert.Throws<CryptographicException>(() => protector.Unprotect(noteBefore));
        Assert.Equal("Note before the rotation", protector.Unprotect(noteAfter));
        Assert.Contains("Note before the rotation", casePage, StringComparison.Ordinal);
        Assert.Contains("Story before the rotation", intakePage, StringComparison.Ordinal);
        Assert.Contains("slip before the rotation", document, StringComparison.Ordinal);
    }
}
