using System.Security.Claims;
using Soudan.Web.Features.Accounts;
using Soudan.Web.Features.Cases;

namespace Soudan.Tests.Security;

/// <summary>
/// Every case decision of <see cref="CaseAccess"/>, role by role, written down once: view, add notes
/// and contacts, manage (status, referral, what the case is about), read what is sensitive, assign
/// (coordinators and admins only), ask to work on it (counselors, for a case not theirs).
/// "own" is the case's counselor or interpreter; "other" anyone else in that role.
/// </summary>
public sealed class CaseAccessMatrixTests
{
    private static readonly Guid Me = Guid.NewGuid();

    public static TheoryData<string, bool, bool, bool, bool, bool, bool, bool> Matrix() => new()
    {
        // role,                     own case, view,  entries, manage, sensitive, assign, ask for it
        { StaffRoles.Admin,          false,    true,  true,    true,   true,      true,   false },
        { StaffRoles.Coordinator,    false,    true,  true,    true,   false,     true,   false },
        { StaffRoles.Counselor,      true,     true,  true,    true,   true,      false,  false },
        { StaffRoles.Counselor,      false,    true,  true,    true,   false,     false,  true },
        { StaffRoles.Interpreter,    true,     true,  true,    false,  false,     false,  false },
        { StaffRoles.Interpreter,    false,    false, false,   false,  false,     false,  false },
        { StaffRoles.Operator,       false,    false, false,   false,  false,     false,  false },
        { StaffRoles.Analyst,        false,    false, false,   false,  false,     false,  false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_role_may_do_on_a_case_what_the_matrix_says(string role, bool own, bool view, bool entries, bool manage, bool sensitive, bool assign, bool ask)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Me.ToString()), new Claim(ClaimTypes.Role, role)], "test"));
        var @case = new Case { OpenedAtUtc = DateTime.UnixEpoch };
        if (own)
        {
            @case.Assign(role == StaffRoles.Counselor ? Me : null, role == StaffRoles.Interpreter ? Me : null, Guid.NewGuid(), DateTime.UnixEpoch);
        }

        var access = new CaseAccess(user);

        Assert.Equal(
            (view, entries, manage, sensitive, assign, ask),
            (access.CanView(@case), access.CanAddEntries(@case), access.CanManage(@case), access.CanSeeSensitive(@case), access.CanAssign(@case), access.CanAskFor(@case)));
        Assert.Equal(view, access.Visible(new[] { @case }.AsQueryable()).Any());
    }

    [Fact]
    public void Nobody_assigns_a_case_to_themselves()
    {
        var @case = new Case { OpenedAtUtc = DateTime.UnixEpoch };

        Assert.Throws<InvalidOperationException>(() => @case.Assign(Me, null, Me, DateTime.UnixEpoch));
        Assert.Throws<InvalidOperationException>(() => @case.Assign(null, Me, Me, DateTime.UnixEpoch));
        Assert.Null(@case.CounselorId);
    }

    [Fact]
    public void Every_role_is_in_the_matrix() =>
        Assert.Equal(StaffRoles.All.Order(), Matrix().Select(row => (string)row[0]).Distinct().Order());
}
