using System.Text;
using PhoneNumbers;

namespace Soudan.Web.Features.People;

/// <summary>
/// Phone numbers in E.164 ("+819012345678") however they were typed: 090-1234-5678, ０９０…,
/// +63 917 123 4567. Numbers without a country code are read as Japanese, where the hotline is.
/// Google's libphonenumber decides what a valid number is.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form, or null when the text is not a possible phone number.</summary>
    public static string? ToE164(string? typed, string defaultRegion = "JP")
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        try
        {
            var number = Util.Parse(typed.Normalize(NormalizationForm.FormKC), defaultRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>How a counselor reads it: national format for Japanese numbers, international for others.</summary>
    public static string Display(string e164)
    {
        try
        {
            var number = Util.Parse(e164, "JP");
            return Util.Format(number, number.CountryCode == 81 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
