/**
 * Fixed reference lists the demo generator draws from. Kept apart from the generator so the word lists
 * can grow without touching the logic; any change here changes the generated data, so bump
 * DEMO_DATA_VERSION (the demo-data test pins a hash of the SQL to catch a forgotten bump).
 */

export interface CountryRef {
  code: string;
  name: string;
  region: string;
  /** Relative share of customers: the store sells mostly in North America and Europe. */
  weight: number;
  cities: readonly string[];
}

export const COUNTRIES: readonly CountryRef[] = [
  { code: "US", name: "United States", region: "North America", weight: 30, cities: ["New York", "Los Angeles", "Chicago", "Houston", "Seattle", "Boston", "Austin", "Denver"] },
  { code: "CA", name: "Canada", region: "North America", weight: 6, cities: ["Toronto", "Vancouver", "Montreal", "Calgary"] },
  { code: "MX", name: "Mexico", region: "Latin America", weight: 3, cities: ["Mexico City", "Guadalajara", "Monterrey"] },
  { code: "BR", name: "Brazil", region: "Latin America", weight: 3, cities: ["São Paulo", "Rio de Janeiro", "Belo Horizonte"] },
  { code: "AR", name: "Argentina", region: "Latin America", weight: 1, cities: ["Buenos Aires", "Córdoba"] },
  { code: "GB", name: "United Kingdom", region: "Europe", weight: 10, cities: ["London", "Manchester", "Birmingham", "Edinburgh", "Bristol"] },
  { code: "DE", name: "Germany", region: "Europe", weight: 9, cities: ["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"] },
  { code: "FR", name: "France", region: "Europe", weight: 7, cities: ["Paris", "Lyon", "Marseille", "Toulouse"] },
  { code: "ES", name: "Spain", region: "Europe", weight: 4, cities: ["Madrid", "Barcelona", "Valencia", "Seville"] },
  { code: "IT", name: "Italy", region: "Europe", weight: 4, cities: ["Rome", "Milan", "Turin", "Naples"] },
  { code: "NL", name: "Netherlands", region: "Europe", weight: 3, cities: ["Amsterdam", "Rotterdam", "Utrecht"] },
  { code: "SE", name: "Sweden", region: "Europe", weight: 2, cities: ["Stockholm", "Gothenburg", "Malmö"] },
  { code: "PL", name: "Poland", region: "Europe", weight: 2, cities: ["Warsaw", "Kraków", "Wrocław"] },
  { code: "JP", name: "Japan", region: "Asia Pacific", weight: 4, cities: ["Tokyo", "Osaka", "Yokohama", "Nagoya"] },
  { code: "AU", name: "Australia", region: "Asia Pacific", weight: 4, cities: ["Sydney", "Melbourne", "Brisbane", "Perth"] },
  { code: "IN", name: "India", region: "Asia Pacific", weight: 3, cities: ["Mumbai", "Bengaluru", "Delhi", "Pune"] },
  { code: "SG", name: "Singapore", region: "Asia Pacific", weight: 1, cities: ["Singapore"] },
  { code: "KR", name: "South Korea", region: "Asia Pacific", weight: 2, cities: ["Seoul", "Busan"] },
  { code: "AE", name: "United Arab Emirates", region: "Middle East & Africa", weight: 1, cities: ["Dubai", "Abu Dhabi"] },
  { code: "ZA", name: "South Africa", region: "Middle East & Africa", weight: 1, cities: ["Johannesburg", "Cape Town", "Durban"] },
];

export const FIRST_NAMES: readonly string[] = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
  "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
  "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Sandra", "Paul", "Ashley",
  "Lukas", "Emma", "Leon", "Mia", "Hugo", "Chloé", "Mateo", "Lucía", "Luca", "Giulia",
  "Daan", "Sanne", "Oliver", "Amelia", "Noah", "Olivia", "Liam", "Sofia", "Hiro", "Yuki",
  "Arjun", "Priya", "Min-jun", "Seo-yeon", "Wei", "Mei", "Omar", "Layla", "Thabo", "Naledi",
];

export const LAST_NAMES: readonly string[] = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
  "Müller", "Schmidt", "Schneider", "Dubois", "Bernard", "Rossi", "Russo", "Fernández", "López", "de Vries",
  "Jansen", "Andersson", "Nowak", "Kowalski", "Tanaka", "Suzuki", "Kim", "Park", "Patel", "Sharma",
  "O'Brien", "Murphy", "Walsh", "Silva", "Santos", "Nguyen", "Chen", "Wang", "Haddad", "Dlamini",
];

export const EMAIL_DOMAINS: readonly string[] = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "example.com"];

export interface CategoryRef {
  name: string;
  description: string;
  /** List price range in whole currency units. */
  priceMin: number;
  priceMax: number;
  /** Cost as a share of list price: the gross margin differs a lot between categories. */
  costShareMin: number;
  costShareMax: number;
  /** Relative popularity when a basket item is drawn. */
  popularity: number;
  adjectives: readonly string[];
  nouns: readonly string[];
}

export const CATEGORIES: readonly CategoryRef[] = [
  {
    name: "Electronics", description: "Consumer electronics, audio, computer accessories and smart home devices",
    priceMin: 15, priceMax: 1200, costShareMin: 0.65, costShareMax: 0.85, popularity: 16,
    adjectives: ["Wireless", "Smart", "Portable", "Ultra HD", "Noise-Cancelling", "Compact", "Pro"],
    nouns: ["Headphones", "Speaker", "Monitor", "Keyboard", "Mouse", "Tablet", "Smartwatch", "Camera", "Charger", "Router"],
  },
  {
    name: "Clothing", description: "Apparel, shoes and accessories for adults and children",
    priceMin: 8, priceMax: 180, costShareMin: 0.3, costShareMax: 0.5, popularity: 18,
    adjectives: ["Classic", "Slim-Fit", "Organic Cotton", "Waterproof", "Merino", "Vintage", "Everyday"],
    nouns: ["T-Shirt", "Jeans", "Hoodie", "Jacket", "Sneakers", "Dress", "Scarf", "Socks", "Cap", "Sweater"],
  },
  {
    name: "Home & Garden", description: "Furniture, kitchenware, decoration, tools and garden supplies",
    priceMin: 6, priceMax: 650, costShareMin: 0.45, costShareMax: 0.65, popularity: 14,
    adjectives: ["Stainless Steel", "Ceramic", "Bamboo", "Cast Iron", "Solar", "Foldable", "Scandinavian"],
    nouns: ["Frying Pan", "Lamp", "Chair", "Planter", "Knife Set", "Cushion", "Garden Hose", "Shelf", "Rug", "Kettle"],
  },
  {
    name: "Sports", description: "Fitness equipment, outdoor gear and sportswear",
    priceMin: 10, priceMax: 900, costShareMin: 0.45, costShareMax: 0.65, popularity: 10,
    adjectives: ["Lightweight", "Adjustable", "Trail", "Carbon", "Insulated", "Training", "All-Weather"],
    nouns: ["Yoga Mat", "Dumbbell Set", "Running Shoes", "Tent", "Bicycle Helmet", "Water Bottle", "Backpack", "Tennis Racket"],
  },
  {
    name: "Books", description: "Printed books: fiction, non-fiction, cooking, travel and children's books",
    priceMin: 6, priceMax: 60, costShareMin: 0.55, costShareMax: 0.75, popularity: 12,
    adjectives: ["Illustrated", "Complete", "Beginner's", "Modern", "Essential", "Pocket", "Collector's"],
    nouns: ["Cookbook", "Travel Guide", "Mystery Novel", "Atlas", "Biography", "Poetry Collection", "Science Primer"],
  },
  {
    name: "Toys", description: "Toys, board games and puzzles",
    priceMin: 5, priceMax: 250, costShareMin: 0.4, costShareMax: 0.6, popularity: 9,
    adjectives: ["Wooden", "Educational", "Remote-Control", "Magnetic", "Plush", "Family", "Glow-in-the-Dark"],
    nouns: ["Puzzle", "Board Game", "Building Blocks", "Race Car", "Teddy Bear", "Doll House", "Science Kit"],
  },
  {
    name: "Beauty", description: "Skin care, hair care, fragrance and cosmetics",
    priceMin: 4, priceMax: 140, costShareMin: 0.25, costShareMax: 0.45, popularity: 11,
    adjectives: ["Hydrating", "Vegan", "Fragrance-Free", "Mineral", "Revitalizing", "Travel-Size", "Herbal"],
    nouns: ["Face Cream", "Shampoo", "Lip Balm", "Perfume", "Serum", "Sunscreen", "Hair Dryer", "Body Lotion"],
  },
  {
    name: "Grocery", description: "Packaged food, beverages and household consumables",
    priceMin: 2, priceMax: 45, costShareMin: 0.6, costShareMax: 0.8, popularity: 10,
    adjectives: ["Organic", "Fair-Trade", "Gluten-Free", "Artisan", "Family-Size", "Single-Origin", "Sugar-Free"],
    nouns: ["Coffee Beans", "Olive Oil", "Green Tea", "Pasta", "Dark Chocolate", "Granola", "Honey", "Sparkling Water"],
  },
];
