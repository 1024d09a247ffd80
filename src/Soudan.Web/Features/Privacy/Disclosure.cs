using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ICSharpCode.SharpZipLib.Zip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Soudan.Web.Data;
using Soudan.Web.Features.Cases;
using Soudan.Web.Features.Employers;
using Soudan.Web.Features.Intakes;
using Soudan.Web.Features.People;
using Soudan.Web.Infrastructure.Security;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy;

/// <summary>One part of what is held about a person: a title and its lines, as the summary shows them.</summary>
public sealed record DisclosedSection(string Title, IReadOnlyList<KeyValuePair<string, string>> Lines);

/// <summary>
/// Everything Soudan holds about one person (APPI Art. 33): their record, every case they are on with
/// its notes, contacts, tasks, calculations, referrals and records of provision and receipt, the
/// consultations and messages joined to those cases, and the documents' files. Packed as a ZIP
/// encrypted with AES-256 under a password the staff member gives the person separately
/// (docs/privacy.md, "Disclosure").
/// </summary>
public sealed class Disclosure(SoudanDbContext db, SensitiveText sensitive, CaseDocumentStore documents, IStringLocalizer<StaffText> S, IStringLocalizer<PublicText> T)
{
    public const int PasswordMinLength = 12;

    /// <summary>Indented, and every script as itself rather than \u escapes: the person may read it.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const int PasswordMaxLength = 64;

    /// <summary>Read aloud over the phone: no 0/O or 1/I/L to confuse, grouped by four.</summary>
    public static string NewPassword()
    {
        const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 20);
        return string.Join('-', Enumerable.Range(0, 5).Select(i => new string(chars, i * 4, 4)));
    }

    /// <summary>What the archive's summary says, section by section; null when there is no such person.</summary>
    public async Task<(IReadOnlyList<DisclosedSection> Sections, IReadOnlyList<CaseDocument> Documents)?> GatherAsync(int personId, CancellationToken cancellationToken)
    {
        if (await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken) is not { } person)
        {
            return null;
        }

        var sections = new List<DisclosedSection>();
        var residence = Residence.Read(sensitive, person.ResidenceProtected);
        sections.Add(Section(S["The person"],
            (S["Name"], person.Name),
            (S["Reading"], person.NameReading),
            (S["Phone numbers"], string.Join(", ", person.PhoneNumbers.Select(Phones.Display))),
            (S["E-mail address"], person.Email),
            (S["Other ways to reach"], person.MessagingIds),
            (S["Nationality"], person.Nationality),
            (S["Languages"], string.Join(", ", person.Languages)),
            (S["Residence status"], residence.Status),
            (S["Residence card expires"], residence.CardExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (S["Recorded since"], Day(person.CreatedAtUtc))));

        var caseIds = await db.Set<CaseWorker>().Where(w => w.PersonId == personId).Select(w => w.CaseId).ToListAsync(cancellationToken);
        var cases = await db.Set<Case>().AsNoTracking().Include(c => c.Entries).Include(c => c.Outcome).AsSplitQuery()
            .Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.OpenedAtUtc).ToListAsync(cancellationToken);
        var companyIds = cases.SelectMany(c => new[] { c.EmployerId, c.AgencyId, c.ClientCompanyId }).OfType<int>().Distinct().ToList();
        var companies = await db.Set<Employer>().AsNoTracking().Where(e => companyIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, cancellationToken);
        string? Company(int? id) => id is { } i ? companies.GetValueOrDefault(i) : null;
        var tasks = await db.Set<CaseTask>().AsNoTracking().Where(t => caseIds.Contains(t.CaseId)).OrderBy(t => t.CreatedAtUtc).ToListAsync(cancellationToken);
        var calculations = await db.Set<CaseCalculation>().AsNoTracking().Where(c => caseIds.Contains(c.CaseId)).OrderBy(c => c.CalculatedAtUtc).ToListAsync(cancellationToken);
        var referrals = await db.Set<CaseReferral>().AsNoTracking().Where(r => caseIds.Contains(r.CaseId)).OrderBy(r => r.ReferredAtUtc).ToListAsync(cancellationToken);
        var records = await db.Set<ThirdPartyRecord>().AsNoTracking().Where(r => caseIds.Contains(r.CaseId)).OrderBy(r => r.On).ToListAsync(cancellationToken);
        var files = await db.Set<CaseDocument>().AsNoTracking().Where(d => caseIds.Contains(d.CaseId)).OrderBy(d => d.UploadedAtUtc).ToListAsync(cancellationToken);
        var intakes = await db.Intakes.AsNoTracking().Include(i => i.Messages).Where(i => i.CaseId != null && caseIds.Contains(i.CaseId.Value) && i.ErasedAtUtc == null)
            .OrderBy(i => i.ReceivedAtUtc).ToListAsync(cancellationToken);

        foreach (var intake in intakes)
        {
            var intakeResidence = Residence.Read(sensitive, intake.ResidenceProtected);
            sections.Add(Section(S["Consultation {0}", intake.Reference],
                (S["Received"], Time(intake.ReceivedAtUtc)),
                (S["Channel"], intake.Channel),
                (S["Name"], intake.Name),
                (S["Phone"], intake.Phone),
                (S["E-mail address"], intake.Email),
                ("LINE", intake.LineId),
                (S["Other way to reach"], intake.OtherContact),
                (S["Best time to call"], intake.BestTime),
                (S["Nationality"], intake.Nationality),
                (S["Residence status"], intakeResidence.Status),
                (S["Employer"], intake.Employer),
                (S["Dispatch agency"], intake.DispatchAgency),
                (S["Problems"], string.Join(", ", intake.Problems.Select(p => T[ConsultationTerms.Problems.LabelOf(p)].Value))),
                (S["What happened"], Read(intake.StoryProtected)),
                (S["Agreed to the privacy notice"], intake.ConsentedAtUtc is { } agreed ? Time(agreed) + (intake.PrivacyNoticeVersion is { } v ? " · " + S["version {0}", v].Value : "") : null)));
            if (intake.Messages.Count > 0)
            {
                sections.Add(Section(S["Messages of consultation {0}", intake.Reference],
                    [.. intake.Messages.OrderBy(m => m.SentAtUtc).Select(m => (Time(m.SentAtUtc) + " · " + (m.FromWorker ? S["from the worker"].Value : S["from a counselor"].Value), Read(m.BodyProtected)))]));
            }
        }

        foreach (var @case in cases)
        {
            sections.Add(Section(S["Case {0}", @case.Reference],
                (S["Opened"], Time(@case.OpenedAtUtc)),
                (S["Status"], S[CaseStaffText.Status(@case.Status)].Value),
                (S["Closed"], @case.ClosedAtUtc is { } closed ? Time(closed) : null),
                (S["Language"], @case.Language),
                (S["Problems"], string.Join(", ", @case.Problems.Select(p => T[ConsultationTerms.Problems.LabelOf(p)].Value))),
                (S["Tags"], string.Join(", ", @case.Tags)),
                (S["Employer"], Company(@case.EmployerId)),
                (S["Dispatch agency"], Company(@case.AgencyId)),
                (S["Client company"], Company(@case.ClientCompanyId)),
                (S["Money recovered, in yen"], @case.Outcome is { } o ? (o.UnpaidWagesYen + o.LeaveAllowanceYen + o.OvertimeYen + o.NoticeAllowanceYen + o.OtherYen).ToString("N0", CultureInfo.CurrentCulture) : null),
                (S["Legal hold"], @case.LegalHoldReason)));
            var lines = @case.Entries.Where(e => e.TextProtected is not null || e.Reason is not null).OrderBy(e => e.AtUtc)
                .Select(e => (Time(e.AtUtc) + " · " + S[CaseEntryLabel(e.Kind)].Value, Read(e.TextProtected) ?? e.Reason))
                .Concat(tasks.Where(t => t.CaseId == @case.Id).Select(t => (Time(t.CreatedAtUtc) + " · " + S["Task"].Value, (string?)t.Title)))
                .ToArray();
            if (lines.Length > 0)
            {
                sections.Add(Section(S["Notes, contacts and tasks of case {0}", @case.Reference], lines));
            }

            foreach (var calculation in calculations.Where(c => c.CaseId == @case.Id))
            {
                sections.Add(Section(S["Calculation of {0}", Time(calculation.CalculatedAtUtc)],
                    (S["Calculator"], calculation.Kind),
                    (S["What was entered"], Read(calculation.InputProtected)),
                    (S["Result"], Read(calculation.ResultProtected))));
            }

            foreach (var referral in referrals.Where(r => r.CaseId == @case.Id))
            {
                sections.Add(Section(S["Referral of {0}", Time(referral.ReferredAtUtc)],
                    (S["To"], S[CaseReferral.Targets.LabelOf(referral.To)].Value + (referral.Organisation is { } org ? " (" + org + ")" : "")),
                    (S["What was shared"], string.Join(", ", referral.Shared.Select(code => S[CaseReferral.Shareable.LabelOf(code)].Value))),
                    (S["Outcome"], Read(referral.OutcomeProtected))));
            }

            foreach (var record in records.Where(r => r.CaseId == @case.Id))
            {
                sections.Add(Section(record.Direction == ThirdPartyDirection.Provided ? S["Data passed on, {0}", Day(record.On)] : S["Data received, {0}", Day(record.On)],
                    (S["Organisation"], record.Organisation),
                    (S["Address"], record.Address),
                    (S["Representative"], record.Representative),
                    (S["Whose data"], string.Join(", ", record.People)),
                    (S["What"], string.Join(", ", record.Items.Select(code => S[CaseReferral.Shareable.LabelOf(code)].Value))),
                    (S["Ground"], record.Direction == ThirdPartyDirection.Received ? record.HowObtained
                        : record.Basis == ThirdPartyRecord.Consent ? S["The worker's consent"].Value + " (" + S[ThirdPartyRecord.ConsentWays.LabelOf(record.ConsentHow)].Value + ")"
                        : S[ThirdPartyRecord.Grounds.LabelOf(record.Basis)].Value)));
            }

            var caseFiles = files.Where(d => d.CaseId == @case.Id).ToArray();
            if (caseFiles.Length > 0)
            {
                sections.Add(Section(S["Documents of case {0}", @case.Reference],
                    [.. caseFiles.Select(d => (Time(d.UploadedAtUtc), (string?)(FileNameOf(d) + " (" + S[CaseDocument.Kinds.LabelOf(d.Kind)].Value + ")")))]));
            }
        }

        return (sections, files);
    }

    /// <summary>Writes the encrypted archive: summary.html to read, data.json for a machine, and documents/.</summary>
    public async Task WriteArchiveAsync(IReadOnlyList<DisclosedSection> sections, IReadOnlyList<CaseDocument> files, string password, DateTime nowUtc, Stream output, CancellationToken cancellationToken)
    {
        using var zip = new ZipOutputStream(output) { IsStreamOwner = false, Password = password };
        zip.SetLevel(6);
        var at = JapanTime.FromUtc(nowUtc);
        void Add(string name, byte[] content)
        {
            zip.PutNextEntry(new ZipEntry(name) { DateTime = at, AESKeySize = 256 });
            zip.Write(content, 0, content.Length);
            zip.CloseEntry();
        }

        Add("summary.html", Encoding.UTF8.GetBytes(Html(sections, nowUtc)));
        Add("data.json", JsonSerializer.SerializeToUtf8Bytes(
            sections.Select(s => new { title = s.Title, lines = s.Lines.Select(l => new { label = l.Key, value = l.Value }) }),
            JsonOptions));
        foreach (var file in files)
        {
            if (await documents.ReadAsync(file.Id, cancellationToken) is { } bytes)
            {
                Add("documents/" + FileNameOf(file), bytes);
            }
        }

        zip.Finish();
    }

    private string Html(IReadOnlyList<DisclosedSection> sections, DateTime nowUtc)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append("<!doctype html><html lang=\"").Append(html.Encode(CultureInfo.CurrentUICulture.Name)).Append("\"><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(html.Encode(S["Everything we hold about you"].Value)).Append("</title>")
            .Append("<style>body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:bold}dd{margin:0 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}</style>")
            .Append("<h1>").Append(html.Encode(S["Everything we hold about you"].Value)).Append("</h1><p>")
            .Append(html.Encode(S["Produced on {0} at your request. The files you gave us are in the folder \"documents\"; data.json holds the same as this page for a computer."].Value.Replace("{0}", Time(nowUtc), StringComparison.Ordinal)))
            .Append("</p>");
        foreach (var section in sections)
        {
            page.Append("<section><h2 dir=\"auto\">").Append(html.Encode(section.Title)).Append("</h2><dl>");
            foreach (var (label, value) in section.Lines)
            {
                page.Append("<dt>").Append(html.Encode(label)).Append("</dt><dd dir=\"auto\">").Append(html.Encode(value)).Append("</dd>");
            }

            page.Append("</dl></section>");
        }

        return page.Append("</html>").ToString();
    }

    private static DisclosedSection Section(string title, params (string Label, string? Value)[] lines) =>
        new(title, [.. lines.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => new KeyValuePair<string, string>(l.Label, l.Value!))]);

    private string? Read(string? protectedText) => protectedText is null ? null : sensitive.Unprotect(protectedText);

    private static string Time(DateTime utc) => JapanTime.Format(utc);

    private static string Day(DateTime utc) => DateOnly.FromDateTime(JapanTime.FromUtc(utc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A file's name inside the archive: its id first, so two "payslip.pdf" do not collide, and nothing that climbs out of the folder.</summary>
    private static string FileNameOf(CaseDocument document)
    {
        var name = new string([.. document.FileName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' ? '_' : c)]).TrimStart('.');
        return document.Id.ToString(CultureInfo.InvariantCulture) + "-" + (name.Length > 100 ? name[..100] : name);
    }

    private static string CaseEntryLabel(CaseEntryKind kind) => kind switch
    {
        CaseEntryKind.Note => Infrastructure.Localization.Localizable.Staff("Note"),
        CaseEntryKind.Contact => Infrastructure.Localization.Localizable.Staff("Contact"),
        _ => Infrastructure.Localization.Localizable.Staff("Case entry"),
    };
}
