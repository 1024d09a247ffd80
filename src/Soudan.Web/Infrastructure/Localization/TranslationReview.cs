using System.Globalization;
using System.Resources;
using Soudan.Web.Resources;

namespace Soudan.Web.Infrastructure.Localization;

/// <summary>
/// Each language file says whether a native speaker has reviewed it (entry <c>@ReviewState</c>:
/// <c>reviewed</c> or <c>machine-assisted</c>), so an organisation knows what to have checked.
/// </summary>
public static class TranslationReview
{
    public const string Key = "@ReviewState";
    public const string Reviewed = "reviewed";
    public const string MachineAssisted = "machine-assisted";
    public const string Source = "source";

    public sealed record State(PublicLanguage Language, string PublicText, string? StaffText);

    /// <summary>How a state reads on the admin's page (a key of the staff text).</summary>
    public static string Label(string state) => state switch
    {
        Reviewed => Localizable.Staff("Reviewed by a native speaker"),
        MachineAssisted => Localizable.Staff("Machine-assisted: to be reviewed"),
        Source => Localizable.Staff("Source text"),
        _ => state,
    };

    private static readonly ResourceManager Public = new(typeof(PublicText).FullName!, typeof(PublicText).Assembly);
    private static readonly ResourceManager Staff = new(typeof(StaffText).FullName!, typeof(StaffText).Assembly);

    public static IReadOnlyList<State> All() =>
        PublicLanguages.All
            .Select(l => new State(
                l,
                Read(Public, l.Culture),
                StaffLanguages.All.Contains(l) ? Read(Staff, l.Culture) : null))
            .ToList();

    /// <summary>The language's own entry; English is the source text itself.</summary>
    private static string Read(ResourceManager resources, CultureInfo culture) =>
        resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(Key) ?? Source;
}
