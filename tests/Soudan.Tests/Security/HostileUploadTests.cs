using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using CsvHelper;
using FsCheck.Xunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soudan.Tests.Features.Cases;
using Soudan.Tests.Infrastructure;
using Soudan.Web.Data;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Statistics;

namespace Soudan.Tests.Security;

/// <summary>
/// Files that are not what they say, archives that unpack to far more than they weigh, and names
/// made to deceive, at every place Soudan takes a file; and spreadsheets that must not run what
/// workers and staff wrote. What the app refuses leaves nothing behind.
/// </summary>
public abstract class HostileUploadTests(SoudanApp app)
{
    /// <summary>A real zip of 200 MB of zeros: a few hundred kilobytes on the wire.</summary>
    private static readonly Lazy<byte[]> ZipBomb = new(() =>
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("payslip.pdf", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                entry.Write(zeros);
            }
        }

        return zip.ToArray();
    });

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");

    [Fact]
    public async Task A_case_takes_no_archive_script_or_empty_file_whatever_its_name_and_keeps_nothing_of_them()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);
        (string Name, byte[] Content)[] refused =
        [
            ("payslip.pdf", ZipBomb.Value), ("payslip.zip", ZipBomb.Value), ("contract.docx", ZipBomb.Value),
            ("photo.jpg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")),
            ("photo.png", Encoding.UTF8.GetBytes("GIF89a<script>alert(1)</script>")), ("empty.pdf", []), ("tiny.pdf", "%P"u8.ToArray()),
        ];

        foreach (var (name, content) in refused)
        {
            var response = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, name, content);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)response.StatusCode}");
            Assert.NotNull((await PageClient.ParseAsync(response)).QuerySelector(".error-summary"));
        }

        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseDocument>().CountAsync(d => d.CaseId == id)));
    }

    [Fact]
    public async Task A_file_name_made_to_deceive_is_kept_without_its_path_or_direction_tricks_and_downloaded_as_an_attachment()
    {
        using var counselor = await app.SignInAsync(StaffRoles.Counselor);
        var id = await app.OpenCaseAsync(counselor);

        var uploaded = await counselor.UploadAsync($"/staff/cases/{id}", "Document", new Dictionary<string, string> { ["kind"] = "pay-slip" }, "..\\..\\etc/給与\u202Efdp.exe\0.pdf", Pdf);
        var document = await app.WithScopeAsync(s => s.GetRequiredService<SoudanDbContext>().Set<CaseDocument>().Where(d => d.CaseId == id).Select(d => new { d.Id, d.FileName }).SingleAsync());
        var name = document.FileName;
        var download = await counselor.GetAsync($"/staff/cases/{id}/documents/{document.Id}");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
        Assert.DoesNotContain(name, c => c is '/' or '\\' or '\0' or '\u202E');
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_guide_takes_no_archive_as_an_image_and_the_minimum_wage_table_no_archive_or_formula_as_its_CSV()
    {
        using var admin = await app.SignInAsync(StaffRoles.Admin);
        var editor = await admin.GetPageAsync("/staff/articles/new/en?kind=guide");
        var image = await admin.SubmitAsync(editor, "/staff/articles/new/en?kind=guide", new Dictionary<string, string> { ["Input.Title"] = "Kept", ["ImageDescription"] = "A photo" }, handler: "image", file: ("Image", "photo.png", ZipBomb.Value));
        Assert.Contains("not a JPEG, PNG, WebP or GIF image", (await PageClient.ParseAsync(image)).QuerySelector(".error-summary")?.TextContent ?? "(no error summary)", StringComparison.Ordinal);

        var before = await admin.GetPageAsync("/staff/minimum-wages");
        var archive = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string>(), "fy2026.csv", ZipBomb.Value);
        var formulas = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string>(), "fy2026.csv",
            Encoding.UTF8.GetBytes("prefecture_code,fiscal_year,hourly_yen,effective_from,source\n=cmd|' /C calc'!A0,2026,<script>alert(1)</script>,+SUM(1),\"=HYPERLINK(\"\"https://evil.example\"\")\"\n"));
        var huge = await admin.UploadAsync("/staff/minimum-wages", null, new Dictionary<string, string>(), "fy2026.csv", Encoding.UTF8.GetBytes(new string('1', Soudan.Web.Features.Calculators.MinimumWageRevision.MaxCsvLength + 1024)));
        var after = await admin.GetPageAsync("/staff/minimum-wages");

        foreach (var (what, response) in new[] { ("archive", archive), ("formulas", formulas), ("huge", huge) })
        {
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("not UTF-8", (await PageClient.ParseAsync(archive)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("larger than 512 KB", (await PageClient.ParseAsync(huge)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PageClient.MainText(before), PageClient.MainText(after));
    }

    [Fact]
    public async Task A_compressed_body_is_not_unpacked_into_memory_and_is_refused()
    {
        using var client = app.CreateClient();
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024));
            for (var i = 0; i < 100; i++)
            {
                await gzip.WriteAsync(spaces);
            }
        }

        using var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var response = await client.PostAsync("/api/v1/intakes", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task No_nasty_text_leaves_in_a_CSV_export_as_something_a_spreadsheet_would_run()
    {
        // What is stored has been through UserText, so no half characters; an empty line is no row to a CSV reader.
        var texts = NastyStrings.Text.Where(t => t.Length is > 0 and < 10_000 && !t.Where((c, i) => char.IsSurrogate(c) && !char.IsSurrogatePair(t, i > 0 && char.IsLowSurrogate(c) ? i - 1 : i)).Any()).ToList();
        var sheet = new StatisticsSheet("Test", ["Text"], RowsAsync(texts));
        using var file = new MemoryStream();

        await StatisticsExports.WriteCsvAsync(sheet, file, CancellationToken.None);
        file.Position = 0;
        using var reader = new CsvReader(new StreamReader(file, Encoding.UTF8), CultureInfo.InvariantCulture);
        var read = new List<string>();
        await reader.ReadAsync();
        while (await reader.ReadAsync())
        {
            read.Add(reader.GetField(0)!);
        }

        Assert.Equal(texts.Count, read.Count);
        Assert.All(read.Zip(texts), pair =>
        {
            Assert.False(pair.First.Length > 0 && pair.First[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"runs as a formula: {pair.First}");
            Assert.Equal(pair.Second, pair.First.StartsWith('\'') && !pair.Second.StartsWith('\'') ? pair.First[1..] : pair.First);
        });

        static async IAsyncEnumerable<IReadOnlyList<object>> RowsAsync(IEnumerable<string> texts)
        {
            foreach (var text in texts)
            {
                await Task.Yield();
                yield return [text];
            }
        }
    }

    [Property(MaxTest = 2000)]
    public bool Any_text_written_to_a_spreadsheet_cell_is_kept_whole_and_never_starts_a_formula(string? text)
    {
        var cell = StatisticsExports.Text(text ?? "");
        var starts = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        return !starts && (cell == (text ?? "") || cell == "'" + text);
    }
}

[Collection(OnSqlite.Name)]
public sealed class HostileUploadTestsOnSqlite(SqliteAppFixture fixture) : HostileUploadTests(fixture.App);

[Collection(OnPostgres.Name)]
public sealed class HostileUploadTestsOnPostgres(PostgresAppFixture fixture) : HostileUploadTests(fixture.App);
