namespace Soudan.Web.Resources;

/// <summary>
/// Interface text of the public side, in every public language (<c>PublicText.*.resx</c>). Keys are
/// the English text, so a missing translation shows readable English; a test makes sure none is missing.
/// </summary>
public sealed class PublicText;

/// <summary>Interface text of the staff side, in Japanese and English (<c>StaffText.*.resx</c>).</summary>
public sealed class StaffText;
