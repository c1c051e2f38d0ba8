namespace MixLab.Curation.Licensing;

/// <summary>
/// Phrase lists for text notices (curation spec §1.4 step 6, §7.6): "all rights reserved" and the multilingual
/// non-commercial and no-derivatives strings (CC licence-element names and usual restriction wordings in about
/// 25 languages). All are matched case-insensitively; each is specific enough not to be ordinary prose
/// (e.g. "некоммерческое использование", not "некоммерческая" which also means "non-profit").
/// </summary>
public static class LicensePhrases
{
    public static readonly IReadOnlyList<string> AllRightsReserved =
    [
        "all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
        "tutti i diritti riservati", "todos os direitos reservados", "alle rechten voorbehouden",
        "wszelkie prawa zastrzeżone", "alla rättigheter förbehållna", "alle rettigheder forbeholdes",
        "alle rettigheter reservert", "kaikki oikeudet pidätetään", "všechna práva vyhrazena", "все права защищены",
        "всі права захищені", "版权所有", "版權所有", "無断転載を禁じます", "無断転載禁止", "著作権所有", "모든 권리 보유",
        "tüm hakları saklıdır", "toate drepturile rezervate", "minden jog fenntartva", "όλα τα δικαιώματα διατηρούνται",
    ];

    public static readonly IReadOnlyList<string> NonCommercial =
    [
        // English
        "attribution-noncommercial", "attribution noncommercial", "attribution-non-commercial", "non-commercial use only",
        "noncommercial use only", "for non-commercial purposes only", "for noncommercial purposes only",
        "not for commercial use", "commercial use is prohibited", "commercial use must be authorized",
        "non-commercial license", "noncommercial license",
        // German
        "namensnennung-nicht kommerziell", "namensnennung - nicht kommerziell", "namensnennung-nichtkommerziell",
        "nicht-kommerzielle nutzung", "keine kommerzielle nutzung", "nur für nicht-kommerzielle zwecke",
        // French
        "pas d'utilisation commerciale", "pas d’utilisation commerciale", "utilisation non commerciale",
        // Spanish
        "reconocimiento-nocomercial", "atribución-nocomercial", "atribucion-nocomercial", "uso no comercial",
        "sin fines comerciales",
        // Italian
        "attribuzione - non commerciale", "attribuzione-non commerciale", "uso non commerciale",
        // Portuguese
        "atribuição-nãocomercial", "atribuição-não comercial", "uso não comercial", "uso não-comercial",
        // Dutch
        "naamsvermelding-nietcommercieel", "niet-commercieel gebruik", "niet commercieel gebruik",
        // Polish
        "użycie niekomercyjne", "uznanie autorstwa-użycie niekomercyjne",
        // Nordic
        "erkännande-ickekommersiell", "icke-kommersiell användning", "ikke-kommerciel brug", "ikkekommerciel",
        "ikke-kommersiell bruk", "ikkekommersiell", "ei-kaupallinen", "epäkaupallinen",
        // Central / Eastern Europe, Greek, Baltic
        "neužívejte dílo komerčně", "nekomerční použití", "nekomercialno", "nekomercijalno", "nem kereskedelmi célú",
        "necomercial", "μη εμπορική χρήση", "nekomerciāls", "mitteäriline", "nekomercinis",
        // Cyrillic
        "некоммерческое использование", "некоммерческая лицензия", "некомерційне використання", "некомерційна",
        // Asian, Hebrew, Arabic, Turkish
        "非商业性使用", "非商業性", "非営利", "비영리", "לא מסחרי", "غير تجاري", "gayri ticari", "ticari olmayan",
    ];

    public static readonly IReadOnlyList<string> NoDerivatives =
    [
        // English
        "noderivatives", "noderivs", "no derivatives", "no derivative works", "no-derivatives", "no-derivs",
        "no modifications allowed", "you may not modify",
        // German
        "keine bearbeitungen", "keine bearbeitung", "keine veränderungen",
        // French
        "pas de modification", "pas d'œuvre dérivée", "pas d’œuvre dérivée",
        // Spanish
        "sinobraderivada", "sin obras derivadas", "sinderivadas", "sin derivadas",
        // Italian
        "non opere derivate", "no opere derivate",
        // Portuguese
        "semderivações", "sem derivações", "sem obras derivadas",
        // Dutch
        "geenafgeleidewerken", "geen afgeleide werken",
        // Polish
        "bez utworów zależnych", "bez utworow zaleznych",
        // Nordic
        "inga bearbetningar", "ingen bearbejdelse", "ingen bearbeidelse", "ei muutoksia",
        // Central / Eastern Europe, Greek, Baltic
        "nezasahujte do díla", "zákaz zpracování", "brez predelav", "bez prerada", "nincs származékos",
        "fără opere derivate", "χωρίς παράγωγα", "bez atvasinājumiem", "tuletatud teoste keeld",
        // Cyrillic
        "без производных", "без похідних",
        // Asian, Hebrew, Arabic, Turkish
        "禁止演绎", "禁止改作", "改変禁止", "변경금지", "ללא יצירות נגזרות", "بدون اشتقاق", "türetilemez",
    ];

    /// <summary>Image, photo and music words: a CC mark just after one of these is a media credit (spec §1.4 step 6, §5.4).</summary>
    public static readonly IReadOnlyList<string> MediaWords =
    [
        "photo", "image", "picture", "flickr", "illustration", "foto", "bild", "imagen", "immagine", "music", "audio",
        "video", "icon", "logo", "map data", "credit",
    ];
}
