using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soudan.Web.Infrastructure.Localization;

namespace Soudan.Web.Features.Accounts;

/// <summary>A staff account: counselor, operator, interpreter, coordinator, analyst or admin.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;
    public const int EmailMaxLength = 254;

    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>ja or en: the staff pages follow it wherever the person signs in.</summary>
    public string StaffLanguage { get; set; } = StaffLanguages.Default.Code;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Volunteer operators of one hotline day get an account that ends that evening.</summary>
    public DateTime? AccessExpiresAtUtc { get; set; }

    public DateTime? DeactivatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>
    /// The last time step (Unix time / 30 s) of an authenticator code that was accepted: a code
    /// works once, and only a later one after it (see <see cref="SingleUseAuthenticatorTokenProvider"/>).
    /// </summary>
    public long? LastAuthenticatorTimeStep { get; set; }

    public bool IsActiveAt(DateTime nowUtc) =>
        DeactivatedAtUtc is null && (AccessExpiresAtUtc is null || AccessExpiresAtUtc > nowUtc);
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(StaffUser.DisplayNameMaxLength);
        builder.Property(u => u.StaffLanguage).HasMaxLength(8);
        builder.Property(u => u.Email).HasMaxLength(StaffUser.EmailMaxLength);
        builder.Property(u => u.UserName).HasMaxLength(StaffUser.EmailMaxLength);
    }
}
