package dev.nightcast.podcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Apple Podcasts' categories and their subcategories (the list Apple publishes in "Apple Podcasts
 * categories", 19 categories, 110 names in all). A feed whose {@code itunes:category} is not on it
 * is refused by Apple Podcasts Connect, and other directories take the same list.
 */
final class AppleCategories {

    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put(
                "Arts", List.of("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"));
        CATEGORIES.put(
                "Business",
                List.of("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"));
        CATEGORIES.put("Comedy", List.of("Comedy Interviews", "Improv", "Stand-Up"));
        CATEGORIES.put("Education", List.of("Courses", "How To", "Language Learning", "Self-Improvement"));
        CATEGORIES.put("Fiction", List.of("Comedy Fiction", "Drama", "Science Fiction"));
        CATEGORIES.put("Government", List.of());
        CATEGORIES.put("History", List.of());
        CATEGORIES.put(
                "Health & Fitness",
                List.of("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"));
        CATEGORIES.put(
                "Kids & Family", List.of("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"));
        CATEGORIES.put(
                "Leisure",
                List.of(
                        "Animation & Manga",
                        "Automotive",
                        "Aviation",
                        "Crafts",
                        "Games",
                        "Hobbies",
                        "Home & Garden",
                        "Video Games"));
        CATEGORIES.put("Music", List.of("Music Commentary", "Music History", "Music Interviews"));
        CATEGORIES.put(
                "News",
                List.of(
                        "Business News",
                        "Daily News",
                        "Entertainment News",
                        "News Commentary",
                        "Politics",
                        "Sports News",
                        "Tech News"));
        CATEGORIES.put(
                "Religion & Spirituality",
                List.of("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"));
        CATEGORIES.put(
                "Science",
                List.of(
                        "Astronomy",
                        "Chemistry",
                        "Earth Sciences",
                        "Life Sciences",
                        "Mathematics",
                        "Natural Sciences",
                        "Nature",
                        "Physics",
                        "Social Sciences"));
        CATEGORIES.put(
                "Society & Culture",
                List.of("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"));
        CATEGORIES.put(
                "Sports",
                List.of(
                        "Baseball",
                        "Basketball",
                        "Cricket",
                        "Fantasy Sports",
                        "Football",
                        "Golf",
                        "Hockey",
                        "Rugby",
                        "Running",
                        "Soccer",
                        "Swimming",
                        "Tennis",
                        "Volleyball",
                        "Wilderness",
                        "Wrestling"));
        CATEGORIES.put("Technology", List.of());
        CATEGORIES.put("True Crime", List.of());
        CATEGORIES.put(
                "TV & Film", List.of("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"));
    }

    private AppleCategories() {}

    /** What is wrong with this category and subcategory ({@code null} for none), or empty when Apple lists them. */
    static Optional<String> problem(String category, @Nullable String subcategory) {
        List<String> subcategories = CATEGORIES.get(category);
        if (subcategories == null) {
            return Optional.of("nightcast.feed.category '" + category + "' is not an Apple Podcasts category; use one"
                    + " of " + String.join(", ", CATEGORIES.keySet()) + " (spelt exactly so)");
        }
        if (subcategory != null && !subcategories.contains(subcategory)) {
            return Optional.of("nightcast.feed.subcategory '" + subcategory + "' is not a subcategory of " + category
                    + (subcategories.isEmpty()
                            ? ", which has none"
                            : "; use one of " + String.join(", ", subcategories)));
        }
        return Optional.empty();
    }
}
