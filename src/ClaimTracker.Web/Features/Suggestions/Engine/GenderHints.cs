namespace ClaimTracker.Web.Features.Suggestions.Engine;

internal enum Gender
{
    Unknown,
    Male,
    Female,
}

/// <summary>
/// What the text or the record tells about a person's gender, so that "she" is not resolved to a man: a gendered
/// title or role word ("Ms.", "Councilwoman", "spokesman") next to the name, the actor's role, or a common first name.
/// Unknown is the usual answer and rules nobody out.
/// </summary>
internal static class GenderHints
{
    private static readonly HashSet<string> MaleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mr.", "sir", "king", "prince", "lord", "councilman", "chairman", "spokesman", "congressman", "businessman",
        "assemblyman", "alderman", "father", "brother", "son", "husband", "uncle", "he", "his", "him",
    };

    private static readonly HashSet<string> FemaleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ms", "ms.", "mrs", "mrs.", "miss", "dame", "lady", "queen", "princess", "councilwoman", "chairwoman",
        "spokeswoman", "congresswoman", "businesswoman", "assemblywoman", "alderwoman", "mother", "sister", "daughter",
        "wife", "aunt", "she", "her", "hers",
    };

    // Common first names in English-language news, from many countries; a name on neither list says nothing.
    private static readonly HashSet<string> MaleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "daniel",
        "matthew", "anthony", "mark", "donald", "steven", "steve", "paul", "andrew", "joshua", "kevin", "brian", "george",
        "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan",
        "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "frank", "gregory", "raymond", "patrick",
        "jack", "dennis", "jerry", "tyler", "aaron", "henry", "peter", "petter", "jose", "jorge", "juan", "carlos", "luis",
        "miguel", "pedro", "antonio", "francisco", "javier", "manuel", "erik", "eric", "lars", "nils", "olaf", "sven",
        "hans", "klaus", "jan", "piotr", "pavel", "ivan", "dmitry", "vladimir", "volodymyr", "sergei", "sergey", "alexei",
        "mikhail", "andrei", "oleksandr", "emmanuel", "francois", "pierre", "jean", "giorgio", "marco", "luca", "giuseppe",
        "ahmed", "mohammed", "muhammad", "ali", "omar", "hassan", "yusuf", "li", "wei", "hiroshi", "kenji", "rahul", "amit",
        "raj", "joe", "jared", "graham", "tom", "tim", "nick", "chris", "alan", "ian", "neil", "simon", "martin", "adam", "oliver", "harry", "jorge", "diego", "rafael", "hugo", "felix", "max", "leon", "noah", "kofi", "kwame", "chinedu", "oluwaseun", "boris", "olaf", "friedrich", "xi", "narendra",
        "recep", "benjamin", "keir", "rishi", "justin", "joachim", "mateusz", "andrzej", "viktor", "mark", "emmanuel",
    };

    private static readonly HashSet<string> FemaleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy",
        "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol",
        "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "angela",
        "anna", "ana", "maria", "marie", "marta", "martha", "sofia", "sophie", "elena", "ellen", "helen", "ingrid", "astrid",
        "karin", "kristin", "lena", "greta", "ursula", "angela", "christine", "olga", "natalia", "tatiana", "irina",
        "yulia", "svetlana", "julia", "giorgia", "francesca", "isabel", "carmen", "lucia", "rosa", "dana", "diana",
        "tulsi", "kamala", "hillary", "nikki", "janet", "nancy", "ursula", "kaja", "annalena", "liz", "theresa", "jacinda",
        "fatima", "aisha", "mei", "yuki", "priya", "sunita", "amina", "ngozi", "chiamaka", "claudia", "grace", "alice",
        "emma", "olivia", "hannah", "rachel", "ruth", "victoria", "catherine", "katherine", "kate", "jane", "joan", "judith",
    };

    public static Gender FromWord(string word) =>
        MaleWords.Contains(word.TrimEnd('.')) || MaleWords.Contains(word) ? Gender.Male
        : FemaleWords.Contains(word.TrimEnd('.')) || FemaleWords.Contains(word) ? Gender.Female
        : Gender.Unknown;

    public static Gender FromFirstName(string fullName)
    {
        var first = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var inName = MaleNames.Contains(first);
        var inFemale = FemaleNames.Contains(first);
        return inName == inFemale ? Gender.Unknown : inName ? Gender.Male : Gender.Female;
    }

    public static Gender FromRole(string? role)
    {
        if (string.IsNullOrWhiteSpace(role))
        {
            return Gender.Unknown;
        }
        foreach (var word in role.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var g = FromWord(word);
            if (g != Gender.Unknown && word.Length > 3)
            {
                return g;
            }
        }
        return Gender.Unknown;
    }
}
