using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Soudan.Web.Features.Accounts;

/// <summary>The six roles exist from the first migration on, with ids that never change.</summary>
internal sealed class StaffRoleConfiguration : IEntityTypeConfiguration<IdentityRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<Guid>> builder) =>
        builder.HasData(StaffRoles.All.Select(name => new IdentityRole<Guid>
        {
            Id = StableId(name),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = StableId("stamp:" + name).ToString(),
        }));

    private static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("soudan-role:" + name))[..16]);
}
