// Name pools and traveller traits by nationality, shared by passengers, crew and engineers.

import type { Rng } from './prng.js';

export interface Profile {
  readonly key: string;
  readonly nationality: string;
  readonly language: string;
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly last: readonly string[];
}

const GULF_MALE = ['Mohammed', 'Ahmed', 'Khalid', 'Saeed', 'Hamdan', 'Sultan', 'Rashid', 'Abdullah', 'Omar', 'Faisal', 'Yousef', 'Majid'];
const GULF_FEMALE = ['Fatima', 'Mariam', 'Aisha', 'Noura', 'Shamma', 'Hessa', 'Latifa', 'Maitha', 'Reem', 'Alia', 'Sara', 'Moza'];

const P = (
  key: string,
  nationality: string,
  language: string,
  male: readonly string[],
  female: readonly string[],
  last: readonly string[],
): Profile => ({ key, nationality, language, male, female, last });

export const PROFILES: readonly Profile[] = [
  P('AE', 'AE', 'Arabic', GULF_MALE, GULF_FEMALE, [
    'Al Mansoori',
    'Al Dhaheri',
    'Al Ketbi',
    'Al Shamsi',
    'Al Hammadi',
    'Al Mazrouei',
    'Al Nuaimi',
    'Al Suwaidi',
    'Al Blooshi',
    'Al Falasi',
  ]),
  P(
    'SA',
    'SA',
    'Arabic',
    ['Abdullah', 'Faisal', 'Turki', 'Nasser', 'Saud', 'Fahad', 'Bandar', 'Mohammed'],
    ['Nora', 'Reem', 'Lama', 'Haifa', 'Sarah', 'Dana', 'Amal'],
    ['Al Harbi', 'Al Qahtani', 'Al Otaibi', 'Al Ghamdi', 'Al Zahrani', 'Al Shehri', 'Al Dosari'],
  ),
  P('OM', 'OM', 'Arabic', GULF_MALE, GULF_FEMALE, ['Al Balushi', 'Al Hinai', 'Al Habsi', 'Al Busaidi', 'Al Rawahi', 'Al Siyabi']),
  P('BH', 'BH', 'Arabic', GULF_MALE, GULF_FEMALE, ['Al Khalifa', 'Al Sayed', 'Al Jishi', 'Al Mahmood', 'Al Aali', 'Al Doseri']),
  P('KW', 'KW', 'Arabic', GULF_MALE, GULF_FEMALE, ['Al Sabah', 'Al Mutairi', 'Al Ajmi', 'Al Enezi', 'Al Rashidi', 'Al Azmi']),
  P(
    'EG',
    'EG',
    'Arabic',
    ['Omar', 'Mahmoud', 'Youssef', 'Karim', 'Tarek', 'Amr', 'Mostafa', 'Hany'],
    ['Mona', 'Nour', 'Heba', 'Yasmin', 'Dina', 'Salma', 'Rania'],
    ['Hassan', 'Ibrahim', 'Mostafa', 'El Sayed', 'Abdelrahman', 'Fouad', 'Mansour', 'Soliman'],
  ),
  P(
    'IN',
    'IN',
    'Hindi',
    ['Rahul', 'Amit', 'Vikram', 'Arjun', 'Rohan', 'Sanjay', 'Karan', 'Aditya', 'Nikhil'],
    ['Priya', 'Anjali', 'Neha', 'Pooja', 'Kavya', 'Sneha', 'Isha', 'Meera'],
    ['Sharma', 'Verma', 'Gupta', 'Patel', 'Singh', 'Mehta', 'Kapoor', 'Iyer', 'Reddy', 'Joshi', 'Desai'],
  ),
  P(
    'INK',
    'IN',
    'Malayalam',
    ['Arun', 'Anil', 'Joseph', 'Vishnu', 'Sreejith', 'Rajesh', 'Thomas', 'Midhun'],
    ['Lakshmi', 'Deepa', 'Sreeja', 'Anjana', 'Divya', 'Reshma', 'Aswathy'],
    ['Nair', 'Menon', 'Pillai', 'Kurian', 'Varghese', 'Thomas', 'Kumar', 'Panicker', 'Mathew'],
  ),
  P(
    'PK',
    'PK',
    'Urdu',
    ['Ali', 'Hassan', 'Bilal', 'Usman', 'Imran', 'Faisal', 'Hamza', 'Asad'],
    ['Ayesha', 'Sana', 'Zainab', 'Hira', 'Mahnoor', 'Fatima', 'Amna'],
    ['Khan', 'Qureshi', 'Malik', 'Chaudhry', 'Siddiqui', 'Butt', 'Raza', 'Sheikh'],
  ),
  P(
    'PH',
    'PH',
    'Tagalog',
    ['Jose', 'Mark', 'Paolo', 'Ramon', 'Carlo', 'Miguel', 'John Paul', 'Rafael'],
    ['Maria', 'Kristine', 'Angelica', 'Jasmine', 'Patricia', 'Bea', 'Camille'],
    ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz', 'Villanueva', 'Aquino'],
  ),
  P(
    'TH',
    'TH',
    'Thai',
    ['Somchai', 'Niran', 'Anan', 'Chaiwat', 'Kittisak', 'Prasert', 'Wichai'],
    ['Suda', 'Kanya', 'Ploy', 'Malee', 'Siriporn', 'Napat', 'Arisa'],
    ['Srisuk', 'Chaiyaporn', 'Wongsawat', 'Thongchai', 'Rattanakorn', 'Sukprasert', 'Boonmee'],
  ),
  P(
    'SG',
    'SG',
    'English',
    ['Wei Ming', 'Jun Jie', 'Ahmad', 'Ravi', 'Daniel', 'Marcus', 'Kai Xiang'],
    ['Hui Min', 'Siti', 'Jia Hui', 'Priya', 'Rachel', 'Xin Yi', 'Nur Aisyah'],
    ['Tan', 'Lim', 'Lee', 'Ng', 'Wong', 'Abdullah', 'Goh', 'Chua'],
  ),
  P(
    'GB',
    'GB',
    'English',
    ['Oliver', 'Harry', 'James', 'George', 'Thomas', 'William', 'Jack', 'Samuel'],
    ['Amelia', 'Isla', 'Emily', 'Sophie', 'Charlotte', 'Grace', 'Lucy', 'Hannah'],
    ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', "O'Connor", 'Hughes'],
  ),
  P(
    'FR',
    'FR',
    'French',
    ['Louis', 'Hugo', 'Lucas', 'Jules', 'Gabriel', 'Arthur', 'Théo', 'Mathis'],
    ['Camille', 'Chloé', 'Léa', 'Manon', 'Inès', 'Juliette', 'Émilie', 'Sarah'],
    ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Lefèvre', 'Moreau', 'Girard'],
  ),
  P(
    'DE',
    'DE',
    'German',
    ['Lukas', 'Felix', 'Maximilian', 'Jonas', 'Leon', 'Paul', 'Tobias', 'Jan'],
    ['Anna', 'Lena', 'Sophie', 'Marie', 'Laura', 'Hannah', 'Katharina', 'Julia'],
    ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann'],
  ),
  P(
    'US',
    'US',
    'English',
    ['Michael', 'David', 'Christopher', 'Daniel', 'Matthew', 'Ryan', 'Andrew', 'Joshua'],
    ['Jessica', 'Ashley', 'Sarah', 'Emily', 'Megan', 'Lauren', 'Rachel', 'Olivia'],
    ['Johnson', 'Williams', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Anderson', "O'Brien", 'Thompson'],
  ),
];

export function profile(key: string): Profile {
  const found = PROFILES.find((p) => p.key === key);
  if (!found) throw new Error(`unknown profile ${key}`);
  return found;
}

export interface Person {
  readonly firstName: string;
  readonly lastName: string;
  readonly female: boolean;
  readonly profile: Profile;
}

export function person(rng: Rng, p: Profile): Person {
  const female = rng.chance(0.48);
  return { firstName: rng.pick(female ? p.female : p.male), lastName: rng.pick(p.last), female, profile: p };
}

/** A route's passengers: mostly its home country, then the Emirates and South Asia, then anyone. */
export function profileForRoute(rng: Rng, homeKey: string): Profile {
  const entries = PROFILES.map((p) => {
    let w = 1;
    if (p.key === homeKey) w = 12;
    else if (p.key === 'AE') w = 4;
    else if (p.key === 'IN' || p.key === 'PH' || p.key === 'PK') w = 3;
    return [p, w] as const;
  });
  return rng.weighted(entries);
}

export const PROFESSIONS: readonly (readonly [string, number])[] = [
  ['Engineer', 8],
  ['Software Developer', 6],
  ['Consultant', 5],
  ['Doctor', 3],
  ['Nurse', 4],
  ['Teacher', 5],
  ['Banker', 3],
  ['Accountant', 4],
  ['Sales Manager', 4],
  ['Student', 6],
  ['Architect', 2],
  ['Lawyer', 2],
  ['Entrepreneur', 3],
  ['Civil Servant', 3],
  ['Construction Supervisor', 3],
  ['Hospitality Manager', 2],
  ['Chef', 1],
  ['Journalist', 1],
  ['Researcher', 2],
  ['Retired', 4],
  ['Homemaker', 3],
  ['Oil and Gas Technician', 2],
];

export const VIP_PROFESSIONS = ['Chief Executive Officer', 'Government Official', 'Diplomat', 'Investor', 'Professional Athlete', 'Surgeon'];
export const VVIP_PROFESSIONS = ['Minister', 'Ambassador', 'Head of Delegation', 'Member of Royal Family'];
export const INFLUENCER_PROFESSIONS = ['Content Creator', 'Travel Blogger', 'Lifestyle Influencer', 'Food Vlogger'];

export const MEALS: readonly (readonly [string, number])[] = [
  ['Standard', 70],
  ['MOML', 8],
  ['VGML', 6],
  ['AVML', 5],
  ['DBML', 3],
  ['KSML', 1],
  ['GFML', 2],
  ['CHML', 3],
  ['LSML', 2],
];

export const BEVERAGES = [
  'Water',
  'Sparkling Water',
  'Coffee',
  'Tea',
  'Karak Tea',
  'Arabic Coffee',
  'Orange Juice',
  'Apple Juice',
  'Soft Drink',
  'Red Wine',
  'White Wine',
  'Champagne',
];

/** Language a traveller prefers: often their own, otherwise English. */
export function preferredLanguage(rng: Rng, p: Profile): string {
  return rng.chance(p.language === 'English' ? 1 : 0.7) ? p.language : 'English';
}
