using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Localization;
using Soudan.Web.Infrastructure.Security;

namespace Soudan.Web.Features.Intakes;

/// <summary>A call as an operator logs it.</summary>
public sealed record LoggedCall(
    int? HotlineSessionId,
    string? Language,
    string? Name,
    string? Phone,
    string? PrefectureCode,
    string? Nationality,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Urgent,
    string? Summary,
    bool FollowUpNeeded,
    bool CallerAgreed = true);

/// <summary>
/// What the worker is shown once a consultation is stored. <see cref="Token"/> is null when the same
/// consultation came again too late for its link to be shown again (see <see cref="IntakeDesk.ReceiveAsync"/>).
/// </summary>
public sealed record ReceivedIntake(string Reference, string? Token, PublicLanguage Language, bool IsUrgent)
{
    public string? FollowUpPath => Token is null ? null : $"/{Language.Code}/c/{Token}";
}

/// <summary>
/// Receives consultations and keeps their follow-up conversation. Nothing is acknowledged to the
/// worker before it is committed to the database (SQLite runs with synchronous=FULL).
/// </summary>
public sealed class IntakeDesk(SoudanDbContext db, FollowUpTokens tokens, SensitiveText sensitive, TimeProvider clock, IntakeWriter writer, Privacy.PrivacyNotice notice, Microsoft.Extensions.Options.IOptions<IntakeOptions> options)
{
    public const int SubmissionKeyMaxLength = 100;

    /// <summary>
    /// Stores a consultation once per submission key and content: the same key with the same content
    /// (a double tap, a reload, a retried API call) finds the consultation already stored, and shows
    /// its link again only for <see cref="IntakeOptions.ReplayShowsLinkFor"/> after it arrived
    /// (afterwards only its reference: a form brought back with the back button on a phone someone
    /// else holds must not open the conversation). The key travels in a hidden field, so the content
    /// is part of it: someone who sends another story with a key they found gets a consultation of
    /// their own, never the link or the words of the first.
    /// </summary>
    public async Task<ReceivedIntake> ReceiveAsync(CleanIntake clean, string submissionKey, string channel, bool suspectedSpam, CancellationToken cancellationToken)
    {
        var identity = submissionKey + ":" + Fingerprint(clean);
        var keyHash = FollowUpTokens.Hash(identity);
        var (version, _) = await notice.CurrentAsync(cancellationToken);
        var token = tokens.For(identity);

        // Optimistic: a second copy of a submission is rare, and the unique index on its key catches it.
        var now = clock.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            var intake = new Intake
            {
                Reference = IntakeReference.New(),
                FollowUpTokenHash = FollowUpTokens.Hash(token),
                SubmissionKeyHash = keyHash,
                ReceivedAtUtc = now,
                Channel = channel,
                InterfaceLanguage = clean.InterfaceLanguage.Code,
                PreferredLanguage = clean.PreferredLanguage,
                Name = clean.Name,
                Phone = clean.Phone,
                Email = clean.Email,
                LineId = clean.Line,
                OtherContact = clean.OtherContact,
                BestTime = clean.BestTime,
                SafeToLeaveMessage = clean.SafeToLeaveMessage,
                SafeToSayWhoIsCalling = clean.SafeToSayWhoIsCalling,
                PrefectureCode = clean.PrefectureCode,
                Nationality = clean.Nationality,
                ResidenceProtected = new People.Residence(clean.ResidenceStatus, null).Protect(sensitive),
                Employer = clean.Employer,
                DispatchAgency = clean.DispatchAgency,
                EmploymentType = clean.EmploymentType,
                Industry = clean.Industry,
                Problems = [.. clean.Problems],
                UrgentNeeds = [.. clean.Urgent],
                IsUrgent = clean.Urgent.Count > 0,
                IsSuspectedSpam = suspectedSpam,
                StoryProtected = clean.Description is null ? null : sensitive.Protect(clean.Description),
                ConsentedAtUtc = now,
                PrivacyNoticeVersion = version,
            };
            try
            {
                await StoreAsync(intake, cancellationToken);
                return new ReceivedIntake(intake.Reference, token, clean.InterfaceLanguage, intake.IsUrgent);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.Entry(intake).State = EntityState.Detached;

                // Either the same submission arrived twice, or (rarely) the reference was taken.
                if (await FindBySubmissionAsync(keyHash, cancellationToken) is { } again)
                {
                    var linkStillShown = again.ReceivedAtUtc + options.Value.ReplayShowsLinkFor > clock.GetUtcNow().UtcDateTime
                        && again.FollowUpTokenHash == FollowUpTokens.Hash(token);   // not revoked or replaced since
                    return again.Received with { Token = linkStillShown ? token : null };
                }
            }
        }
    }

    /// <summary>
    /// A call an operator logged on a hotline day: an intake without a follow-up link (the caller
    /// has the phone), counted for the session and, when a call-back is needed, waiting for triage.
    /// </summary>
    public async Task<Intake> LogCallAsync(LoggedCall call, Guid operatorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (version, _) = await notice.CurrentAsync(cancellationToken);
        var unusable = FollowUpTokens.Hash("call:" + Guid.NewGuid());
        for (var attempt = 0; ; attempt++)
        {
            var intake = new Intake
            {
                Reference = IntakeReference.New(),
                FollowUpTokenHash = unusable,
                SubmissionKeyHash = FollowUpTokens.Hash("call:" + Guid.NewGuid()),
                ReceivedAtUtc = now,
                Channel = Intake.Channels.Phone,
                InterfaceLanguage = PublicLanguages.Japanese.Code,
                PreferredLanguage = call.Language,
                Name = call.Name,
                Phone = call.Phone,
                PrefectureCode = call.PrefectureCode,
                Nationality = call.Nationality,
                Problems = [.. call.Problems],
                UrgentNeeds = [.. call.Urgent],
                IsUrgent = call.Urgent.Count > 0,
                StoryProtected = call.Summary is null ? null : sensitive.Protect(call.Summary),
                ConsentedAtUtc = call.CallerAgreed ? now : null,
                PrivacyNoticeVersion = call.CallerAgreed ? version : null,
                HotlineSessionId = call.HotlineSessionId,
                LoggedBy = operatorId,
                FollowUpNeeded = call.FollowUpNeeded,
            };
            if (!call.FollowUpNeeded)
            {
                intake.Close(now);
            }

            db.Intakes.Add(intake);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return intake;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.Entry(intake).State = EntityState.Detached;   // the reference was taken: another one
            }
        }
    }

    /// <summary>
    /// The consultation behind a follow-up link, with its messages, and when the link stops working
    /// (null while the consultation and its case are open); null for any link that does not work:
    /// mistyped, erased, revoked, replaced or past its time.
    /// </summary>
    public async Task<(Intake Intake, DateTime? LinkEndsAtUtc)?> FindByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!FollowUpTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = FollowUpTokens.Hash(token!);
        var intake = await db.Intakes
            .Include(i => i.Messages.OrderBy(m => m.SentAtUtc))
            .SingleOrDefaultAsync(i => i.FollowUpTokenHash == hash && i.ErasedAtUtc == null, cancellationToken);
        if (intake is null)
        {
            return null;
        }

        var ends = await LinkEndsAtAsync(intake, cancellationToken);
        return ends is { } end && end <= clock.GetUtcNow().UtcDateTime ? null : (intake, ends);
    }

    /// <summary>When the consultation's private link stops working; null while it and its case are open.</summary>
    public async Task<DateTime?> LinkEndsAtAsync(Intake intake, CancellationToken cancellationToken)
    {
        var caseClosedAtUtc = intake.CaseId is { } caseId
            ? await db.Set<Cases.Case>().Where(c => c.Id == caseId).Select(c => c.ClosedAtUtc).SingleOrDefaultAsync(cancellationToken)
            : null;
        return intake.LinkEndsAtUtc(caseClosedAtUtc, options.Value.LinkWorksAfterClosing);
    }

    /// <summary>Turns the private link off at once (the worker's phone was taken).</summary>
    public async Task RevokeLinkAsync(Intake intake, CancellationToken cancellationToken)
    {
        intake.RevokeFollowUpLink(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new private link in place of the old one; the path is shown once, to be passed on by a safe channel.</summary>
    public async Task<string> ReplaceLinkAsync(Intake intake, CancellationToken cancellationToken)
    {
        var token = FollowUpTokens.NewToken();
        intake.ReplaceFollowUpLink(FollowUpTokens.Hash(token));
        await db.SaveChangesAsync(cancellationToken);
        return $"/{PublicLanguages.FindByCode(intake.InterfaceLanguage)?.Code ?? PublicLanguages.English.Code}/c/{token}";
    }

    public async Task AddWorkerMessageAsync(Intake intake, string text, CancellationToken cancellationToken)
    {
        intake.Messages.Add(new IntakeMessage { FromWorker = true, SentAtUtc = clock.GetUtcNow().UtcDateTime, BodyProtected = sensitive.Protect(text) });
        intake.MarkWaitingOnStaff();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task AddReplyAsync(Intake intake, Guid counselorId, string text, CancellationToken cancellationToken)
    {
        intake.Messages.Add(new IntakeMessage { FromWorker = false, AuthorId = counselorId, SentAtUtc = clock.GetUtcNow().UtcDateTime, BodyProtected = sensitive.Protect(text) });
        intake.MarkAnswered();
        await db.SaveChangesAsync(cancellationToken);
    }

    public string? Read(string? protectedText) => protectedText is null ? null : sensitive.Unprotect(protectedText);

    public People.Residence ReadResidence(string? protectedText) => People.Residence.Read(sensitive, protectedText);

    /// <summary>With those of other workers in one commit while the app serves (<see cref="IntakeWriter"/>), alone otherwise.</summary>
    private async Task StoreAsync(Intake intake, CancellationToken cancellationToken)
    {
        if (writer.TryStoreAsync(intake, cancellationToken) is { } stored)
        {
            await stored;
            return;
        }

        db.Intakes.Add(intake);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(ReceivedIntake Received, DateTime ReceivedAtUtc, string FollowUpTokenHash)?> FindBySubmissionAsync(string keyHash, CancellationToken cancellationToken) =>
        await db.Intakes.AsNoTracking()
            .Where(i => i.SubmissionKeyHash == keyHash)
            .Select(i => new { i.Reference, i.InterfaceLanguage, i.IsUrgent, i.ReceivedAtUtc, i.FollowUpTokenHash })
            .FirstOrDefaultAsync(cancellationToken) is { } found
            ? (new ReceivedIntake(found.Reference, null, PublicLanguages.FindByCode(found.InterfaceLanguage) ?? PublicLanguages.English, found.IsUrgent), found.ReceivedAtUtc, found.FollowUpTokenHash)
            : null;

    /// <summary>What was sent, in a few bytes: a key reused with other words is another consultation.</summary>
    private static string Fingerprint(CleanIntake clean) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(clean with { InterfaceLanguage = null! }))) + clean.InterfaceLanguage.Code;
}
