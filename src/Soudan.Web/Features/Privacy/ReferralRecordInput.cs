using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Soudan.Web.Features.Cases;
using Soudan.Web.Infrastructure.Text;
using Soudan.Web.Infrastructure.Time;
using Soudan.Web.Resources;

namespace Soudan.Web.Features.Privacy;

/// <summary>
/// What a referral that passes personal data on adds for the record of provision (APPI Art. 29):
/// the recipient's address and representative, and how the worker agreed, or the legal ground.
/// </summary>
public sealed class ReferralRecordInput
{
    public string? Address { get; set; }

    public string? Representative { get; set; }

    /// <summary>"consent" (or empty) or a code of <see cref="ThirdPartyRecord.Grounds"/>.</summary>
    public string? Basis { get; set; }

    public string? ConsentHow { get; set; }

    public void Validate(ModelStateDictionary state, IStringLocalizer<StaffText> S, bool sharesData, string? recipient, string? ground)
    {
        (Address, Representative) = (UserText.Line(Address), UserText.Line(Representative));
        if (Address is { Length: > ThirdPartyRecord.TextMaxLength })
        {
            state.AddModelError("record.Address", S["This is too long."]);
        }

        if (Representative is { Length: > ThirdPartyRecord.TextMaxLength })
        {
            state.AddModelError("record.Representative", S["This is too long."]);
        }

        if (!string.IsNullOrEmpty(Basis) && Basis != ThirdPartyRecord.Consent && ground is null)
        {
            state.AddModelError("record.Basis", S["Choose from the list."]);
        }

        if (!sharesData)
        {
            return;
        }

        if (string.IsNullOrEmpty(recipient))
        {
            state.AddModelError("referralOrganisation", S["Name the organisation that receives the data: the law asks for a record of it."]);
        }

        if (ground is null && !ThirdPartyRecord.ConsentWays.IsKnown(ConsentHow))
        {
            state.AddModelError("record.ConsentHow", S["Say how the worker agreed."]);
        }
    }

    public ThirdPartyRecord Provided(Case @case, CaseReferral referral, string? ground, Guid actor)
    {
        var day = DateOnly.FromDateTime(JapanTime.FromUtc(referral.ReferredAtUtc));
        return new ThirdPartyRecord
        {
            Direction = ThirdPartyDirection.Provided,
            CaseId = @case.Id,
            ReferralId = referral.Id,
            On = day,
            RecordedAtUtc = referral.ReferredAtUtc,
            RecordedBy = actor,
            KeepUntilUtc = referral.ReferredAtUtc.AddYears(ThirdPartyRecord.KeepYears),
            People = [.. @case.Workers.Select(w => w.Person?.Name).OfType<string>()],
            Organisation = referral.Organisation!,
            Address = Address,
            Representative = Representative,
            Items = referral.Shared,
            Basis = ground ?? ThirdPartyRecord.Consent,
            ConsentHow = ground is null ? ConsentHow : null,
        };
    }
}
