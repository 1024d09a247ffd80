using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary>
/// One line of the audit log: who did or saw what, and when. It names records by id and never
/// copies their content, so the log itself holds no worker's personal data.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Long enough for any IPv6 address with a zone.</summary>
    public const int AddressMaxLength = 64;

    public long Id { get; private set; }

    public required DateTime AtUtc { get; init; }

    /// <summary>The staff member, or null for an anonymous visitor or the command line.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>A stable code such as <c>staff.signed-in</c>; see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    /// <summary>
    /// The address the request came from (IPv4 or IPv6), kept as long as the line and shown only to
    /// admins; null for the command line and the app's own work. Part of the hash chain.
    /// </summary>
    public string? Address { get; init; }

    /// <summary>Its place in the hash chain, given by <see cref="AuditChain"/> a few seconds after it is written.</summary>
    public long? Sequence { get; private set; }

    /// <summary>HMAC of the previous event's hash and this event (see <see cref="AuditChain"/>).</summary>
    public string? Hash { get; private set; }

    internal void Seal(long sequence, string hash) => (Sequence, Hash) = (sequence, hash);
}

public static class AuditActions
{
    public const string SignedIn = "staff.signed-in";
    public const string SignInFailed = "staff.sign-in-failed";
    /// <summary>Lines written before lockout gave way to <c>SignInThrottle</c>; none is written now.</summary>
    public const string LockedOut = "staff.locked-out";
    public const string SignInThrottled = "staff.sign-in-throttled";
    public const string SignedOut = "staff.signed-out";
    public const string TwoFactorEnabled = "staff.two-factor-enabled";
    public const string TwoFactorReset = "staff.two-factor-reset";
    public const string RecoveryCodesRenewed = "staff.recovery-codes-renewed";
    public const string PasskeyAdded = "staff.passkey-added";
    public const string PasskeyRemoved = "staff.passkey-removed";
    public const string PasswordChanged = "staff.password-changed";
    public const string PasswordSet = "staff.password-set";
    public const string AccountCreated = "staff.account-created";
    public const string AccountChanged = "staff.account-changed";
    public const string AccountDeactivated = "staff.account-deactivated";
    public const string AccountReactivated = "staff.account-reactivated";
    public const string SetPasswordLinkCreated = "staff.set-password-link-created";
    public const string IntakeViewed = "intake.viewed";
    public const string IntakeTaken = "intake.taken";
    public const string FollowUpLinkRevoked = "intake.link-revoked";
    public const string FollowUpLinkReplaced = "intake.link-replaced";
    public const string IntakeReplied = "intake.replied";
    public const string IntakeClosed = "intake.closed";
    public const string SettingsChanged = "settings.changed";
    public const string CallLogged = "call.logged";
    public const string CaseOpened = "case.opened";
    public const string CaseViewed = "case.viewed";
    public const string CaseChanged = "case.changed";
    public const string CaseReassignedWithSensitive = "case.reassigned-with-sensitive";
    public const string CaseAssignmentRequested = "case.assignment-requested";
    public const string IntakeDismissed = "intake.dismissed";
    public const string DocumentUploaded = "document.uploaded";
    public const string DocumentDownloaded = "document.downloaded";
    public const string CasesSearched = "case.searched";
    public const string PersonViewed = "person.viewed";
    public const string PersonChanged = "person.changed";
    public const string PeopleMerged = "person.merged";
    public const string HotlineSessionSaved = "hotline.saved";
    public const string HotlineSessionCancelled = "hotline.cancelled";
    public const string ArticleSaved = "article.saved";
    public const string ArticleImageUploaded = "article.image-uploaded";
    public const string MinimumWagesImported = "minimum-wages.imported";
    public const string StatisticsExported = "statistics.exported";
    public const string StatisticsPublished = "statistics.published";
    public const string ConsultationErased = "intake.erased";
    public const string ErasureRequested = "case.erasure-requested";
    public const string CaseErased = "case.erased";
    public const string WorkerErased = "case.worker-erased";
    public const string LegalHoldPlaced = "case.legal-hold-placed";
    public const string LegalHoldLifted = "case.legal-hold-lifted";
    public const string RetentionRun = "retention.run";
    public const string RetentionChanged = "retention.changed";
    public const string IncidentRecorded = "incident.recorded";
    public const string IncidentUpdated = "incident.updated";
    public const string ThirdPartyRecorded = "third-party.recorded";
    public const string DisclosureProduced = "person.disclosed";
    public const string PrivacyRequestRecorded = "privacy-request.recorded";
    public const string PrivacyRequestDecided = "privacy-request.decided";
    public const string UseRestrictionLifted = "person.restriction-lifted";

    /// <summary>How an action reads in the audit log (a key of the staff text).</summary>
    public static string Label(string action) => action switch
    {
        SignedIn => Localizable.Staff("Signed in"),
        SignInFailed => Localizable.Staff("Failed sign-in"),
        LockedOut => Localizable.Staff("Account locked after failed sign-ins"),
        SignInThrottled => Localizable.Staff("Sign-in refused unchecked: too many failed attempts, waiting"),
        SignedOut => Localizable.Staff("Signed out"),
        TwoFactorEnabled => Localizable.Staff("Turned on two-factor sign-in"),
        TwoFactorReset => Localizable.Staff("Two-factor sign-in reset"),
        RecoveryCodesRenewed => Localizable.Staff("Made new recovery codes"),
        PasskeyAdded => Localizable.Staff("Added a passkey"),
        PasskeyRemoved => Localizable.Staff("Removed a passkey"),
        PasswordChanged => Localizable.Staff("Changed password"),
        PasswordSet => Localizable.Staff("Set password with a one-time link"),
        AccountCreated => Localizable.Staff("Created staff account"),
        AccountChanged => Localizable.Staff("Changed staff account"),
        AccountDeactivated => Localizable.Staff("Deactivated staff account"),
        AccountReactivated => Localizable.Staff("Reactivated staff account"),
        SetPasswordLinkCreated => Localizable.Staff("Made a one-time password link"),
        IntakeViewed => Localizable.Staff("Read a consultation"),
        IntakeTaken => Localizable.Staff("Took a consultation"),
        FollowUpLinkRevoked => Localizable.Staff("Turned a worker's private link off"),
        FollowUpLinkReplaced => Localizable.Staff("Made a new private link for a worker"),
        IntakeReplied => Localizable.Staff("Replied to a consultation"),
        IntakeClosed => Localizable.Staff("Closed a consultation"),
        SettingsChanged => Localizable.Staff("Changed the settings"),
        CallLogged => Localizable.Staff("Logged a call"),
        CaseOpened => Localizable.Staff("Opened a case"),
        CaseViewed => Localizable.Staff("Read a case"),
        CaseChanged => Localizable.Staff("Changed a case"),
        CaseReassignedWithSensitive => Localizable.Staff("Took a case holding sensitive entries from its counselor"),
        CaseAssignmentRequested => Localizable.Staff("Asked to work on a case"),
        IntakeDismissed => Localizable.Staff("Closed a consultation as spam or a duplicate"),
        DocumentUploaded => Localizable.Staff("Added a document"),
        DocumentDownloaded => Localizable.Staff("Opened a document"),
        CasesSearched => Localizable.Staff("Searched the cases"),
        PersonViewed => Localizable.Staff("Read a worker's record"),
        PersonChanged => Localizable.Staff("Changed a worker's record"),
        PeopleMerged => Localizable.Staff("Merged two records of one worker"),
        HotlineSessionSaved => Localizable.Staff("Saved a hotline session"),
        HotlineSessionCancelled => Localizable.Staff("Cancelled a hotline session"),
        ArticleSaved => Localizable.Staff("Saved a guide or news post"),
        ArticleImageUploaded => Localizable.Staff("Uploaded an image for a guide or news post"),
        MinimumWagesImported => Localizable.Staff("Loaded minimum wages"),
        StatisticsExported => Localizable.Staff("Exported statistics"),
        StatisticsPublished => Localizable.Staff("Changed the published statistics"),
        ConsultationErased => Localizable.Staff("A worker deleted their consultation"),
        ErasureRequested => Localizable.Staff("A worker on a case asked to be deleted"),
        CaseErased => Localizable.Staff("Erased a case's personal data"),
        WorkerErased => Localizable.Staff("Erased a worker from a collective case"),
        LegalHoldPlaced => Localizable.Staff("Kept a case under legal hold"),
        LegalHoldLifted => Localizable.Staff("Lifted a legal hold"),
        RetentionRun => Localizable.Staff("Erased what was kept longer than the retention rules allow"),
        RetentionChanged => Localizable.Staff("Changed the retention rules"),
        IncidentRecorded => Localizable.Staff("Recorded a suspected leak of personal data"),
        IncidentUpdated => Localizable.Staff("Updated a suspected leak of personal data"),
        ThirdPartyRecorded => Localizable.Staff("Recorded personal data passed to or received from another organisation"),
        DisclosureProduced => Localizable.Staff("Produced everything held about a person, at their request"),
        PrivacyRequestRecorded => Localizable.Staff("Recorded a person's request about their data"),
        PrivacyRequestDecided => Localizable.Staff("Acted on a person's request about their data"),
        UseRestrictionLifted => Localizable.Staff("Lifted the stop on using a person's data"),
        _ => action,
    };
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.TargetType).HasMaxLength(64);
        builder.Property(e => e.TargetId).HasMaxLength(64);
        builder.Property(e => e.Address).HasMaxLength(AuditEvent.AddressMaxLength);
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
        builder.HasIndex(e => e.ActorId);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.Property(e => e.Hash).HasMaxLength(64).IsFixedLength(false);
    }
}
