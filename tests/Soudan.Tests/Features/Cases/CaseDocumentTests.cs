using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;

namespace Soudan.Tests.Features.Cases;

/// <summary>Pay slips, contracts and residence cards on a case: checked, encrypted, shown only to those who may.</summary>
public abstract class CaseDocumentTests(SoudanApp app)
{
    private static byte[] Pdf(string marker) => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Title (" + marker + ") >> endobj\n%%EOF\n");

    private static async Task<int> OnlyDocumentIdAsync(SoudanApp app, int caseId) =>
        await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseDocument>().Where(d => d.CaseId == caseId).Select(d => d.Id).SingleAsync());

    [Fact]
    public async Task A_pay_slip_is_stored_encrypted_opened_by_those_who_may_and_every_opening_audited()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        using var interpreter = await app.SignInAsync(StaffRoles.Interpreter);
        var id = await app.OpenCaseAsync(counselor);
        var marker = "payslip-may-" + Guid.NewGuid().ToString("N")[..8];

        var uploaded = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, "給与明細 5月.pdf", Pdf(marker));
        var documentId = await OnlyDocumentIdAsync(app, id);
        var download = await counselor.GetAsync($"/staff/cases/{id}/documents/{documentId}");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var strangers = await interpreter.GetAsync($"/staff/cases/{id}/documents/{documentId}");
        var (stored, downloads) = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SoudanDbContext>();
            var content = await db.Set<CaseDocumentContent>().AsNoTracking().SingleAsync(c => c.DocumentId == documentId);
            var audited = await db.AuditEvents.CountAsync(e => e.Action == "document.downloaded" && e.TargetId == documentId.ToString(CultureInfo.InvariantCulture));
            return (content.Protected, audited);
        });
        var page = await counselor.GetPageAsync($"/staff/cases/{id}");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(marker), bytes);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("給与明細 5月.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-denied", strangers.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker)));
        Assert.Equal(-1, stored.AsSpan().IndexOf("%PDF"u8));
        Assert.Equal(1, downloads);
        Assert.Equal("給与明細 5月.pdf", page.QuerySelector($"a[href='/staff/cases/{id}/documents/{documentId}']")!.TextContent);
    }

    [Fact]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);

        var disguised = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, "payslip.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"));
        var tooLarge = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "photo" }, "photo.jpg", [0xFF, 0xD8, 0xFF, .. new byte[CaseDocument.MaxBytes]]);
        var kept = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseDocument>().CountAsync(d => d.CaseId == id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);
        Assert.Contains("not a PDF or a photo", (await PageClient.ParseAsync(disguised)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLarge.StatusCode);
        Assert.Contains("larger than 10 MB", (await PageClient.ParseAsync(tooLarge)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, kept);
    }

    [Fact]
    public async Task A_residence_card_is_sensitive_and_opened_only_by_the_cases_counselor_and_admins()
    {
        var counselorCredentials = await app.CreateStaffAsync([StaffRoles.Counselor], twoFactor: true);
        using var counselor = app.CreatePageClient();
        await counselor.SignInAsync(counselorCredentials);
        using var coordinator = await app.SignInAsync(StaffRoles.Coordinator);
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var id = await app.OpenCaseAsync(counselor);
        var assigned = await admin.SubmitAsync($"/staff/cases/{id}", new Dictionary<string, string> { ["counselorId"] = counselorCredentials.Id.ToString(), ["interpreterId"] = "" }, handler: "Assign");
        byte[] photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "residence-card" }, "card.png", photo);
        var documentId = await OnlyDocumentIdAsync(app, id);

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await counselor.GetAsync($"/staff/cases/{id}/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/staff/cases/{id}/documents/{documentId}")).StatusCode);
        Assert.Contains("access-denied", (await coordinator.GetAsync($"/staff/cases/{id}/documents/{documentId}")).Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Empty((await coordinator.GetPageAsync($"/staff/cases/{id}")).QuerySelectorAll($"a[href='/staff/cases/{id}/documents/{documentId}']"));
    }
}

[Collection(OnSqlite.Name)]
public sealed class CaseDocumentTestsOnSqlite(SqliteAppFixture fixture) : CaseDocumentTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class CaseDocumentTestsOnPostgres(PostgresAppFixture fixture) : CaseDocumentTests(fixture.App);
