namespace Soudan.Web.Infrastructure.Localization;

/// <summary>
/// Marks English text that is translated later, where it is looked up (gettext's <c>N_()</c>): lists
/// of problems, error-page messages, role descriptions. The translation test finds every marked
/// text, as it finds <c>T[text]</c> and <c>S[text]</c>, and checks every language has it.
/// </summary>
public static class Localizable
{
    /// <summary>Text of the public side (<c>PublicText</c>), in every public language.</summary>
    public static string Public(string english) => english;

    /// <summary>Text of the staff side (<c>StaffText</c>), in Japanese and English.</summary>
    public static string Staff(string english) => english;
}
