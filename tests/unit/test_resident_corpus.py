"""Triage on realistic Philadelphia residents' messages, written for these tests.

``tests/data/resident_corpus`` holds fifty-four sets, each written independently by a helper who
never saw the bot's rules (English, Spanish and, from blind2 on, the other languages; storms,
a blizzard, a heat wave, a water main break, a parade; typos, slang, sarcasm, headlines,
jokes):

- ``dev.jsonl`` (220): its errors were read while revising the lexicons;
- ``check.jsonl`` (220): scored blind at first (intent 0.564 -> 0.718 on the first revision),
  then its errors were read too;
- ``emergency_check.jsonl`` (150: 75 life-safety messages, 75 hard non-emergencies): scored
  blind first (intent 0.473 -> 0.620, life safety 32/75 -> 44/75), then its errors read;
- ``blind.jsonl`` (240: 90 life-safety messages, 60 reports, 20 questions, 15 status queries,
  55 chatter and headlines): scored blind through three revisions (intent 0.537 -> 0.700 ->
  0.758, life safety 39/90 -> 56/90 -> 66/90), then its errors read;
- ``blind2.jsonl`` (300: English 150, Spanish 60, and 10 each in zh, vi, ru, ar, ht, fr, pt,
  ko, uk): scored blind (intent 0.557 -> 0.713 -> 0.730, life safety 45/90 -> 63/90 ->
  65/90), then read;
- ``blind3.jsonl`` (340: English 140, Spanish 50, and 10 in each of the other 15 languages):
  scored blind through three revisions (intent 0.547 -> 0.729 -> 0.806, life safety 53/102 ->
  76/102 -> 84/102), then read;
- ``blind4.jsonl`` (360: English 160, Spanish 50, 10 in each other language, 110 life-safety
  messages): scored blind (intent 0.736 at the session's start, 0.769 after blind3 was read;
  life safety 72/110 -> 76/110), then read;
- ``blind5.jsonl`` (350: English 150, Spanish 50, 10 in each other language, 105 life-safety
  messages): scored blind (intent 0.694 at the session's start -> 0.783 after blind3 and
  blind4 were read, life safety 66/105 -> 73/105), then its aggregate scores were looked at
  while trying the witness head (0.857, 100/105), which trains on it; then its errors read;
- ``blind6.jsonl`` (350, the same mix): scored blind (intent 0.686 at the session's start
  -> 0.771 after blind3 and blind4 were read -> 0.800 with the witness head -> 0.811 after
  blind5 was read; life safety 66/105 -> 74/105 -> 86/105 -> 87/105), then read;
- ``blind7.jsonl`` (350, the same mix): scored blind (intent 0.620 at 2026-11-23's start ->
  0.689 before blind6 was read -> 0.706 after -> 0.734 with the report head; life safety
  67/105 -> 79/105 -> 82/105 -> 82/105; false emergencies 12 throughout), then read on
  2026-11-24;
- ``blind8.jsonl`` (350, the same mix, written on 2026-11-24): scored blind (intent 0.689
  with the rules of 2026-11-23's start (caa6c0a) -> 0.800 with the witness head and blind3
  to blind6 read -> 0.820 with the report head -> 0.834 after blind7 was read; life safety
  56/105 -> 86/105 -> 86/105 -> 87/105; false emergencies 7 -> 8 -> 8 -> 8), then read;
- ``blind9.jsonl`` (350, the same mix, written on 2026-11-24 after blind8, with other crises:
  a derecho, rolling blackouts, a nor'easter, a refinery fire, a boil-water advisory, a
  transit strike): scored blind (0.674 with caa6c0a, 0.800 with the report head, 0.817 after
  blind7 was read, 0.834 after blind8 was read; life safety 59/105 -> 83/105 -> 88/105 ->
  90/105; false emergencies 10 -> 11 -> 10 -> 10), then read;
- ``blind10.jsonl`` (350, the same mix, written on 2026-11-24 after blind9, with other crises
  again: a hurricane's remnant, a cold snap, a heat dome, a substation fire, a gas main
  explosion, a high-rise fire, wildfire smoke; the smaller languages' intent mix varies and
  some text is romanized): scored blind (0.660 with caa6c0a, 0.817 with 807edf3, 0.857
  after blind7 and blind8 were read, 0.871 after blind9 was read, 0.869 with the stricter
  witness target for other languages; life safety 59/105 -> 86/105 -> 90/105 -> 91/105 ->
  90/105; false emergencies 10 -> 9 -> 7 -> 7 -> 6; its aggregate was also looked at once to
  drop a trial that left numbers and street words out of the corpus heads: 0.843, 86/105,
  6), then read;
- ``blind11.jsonl`` (350, the same mix, written on 2026-11-24 after blind9 was read; a third
  of it Telegram-style, several sentences, two problems or a forwarded alert with a line
  added; a derailment with shelter-in-place, a pier collapse, a trash strike): scored blind
  (0.646 with caa6c0a, 0.757 with 807edf3, 0.780 after blind9 was read, 0.791 after blind10
  was read (with every language's ``people`` list and four lexicon entries that a TOML escape
  had disabled, fixed); life safety 59/105 -> 84/105 -> 82/105 -> 83/105; false emergencies
  22 -> 20 -> 17 -> 15), then read on 2026-11-24;
- ``blind12.jsonl`` (350, the same mix, written on 2026-11-24 while blind10 was read: storm
  surge up the rivers, a tornado, a warehouse fire, an ice storm, a snow emergency with
  tows, a sewer collapse, a partial building collapse, a parade): never read and never
  trained on at first. Scored blind with the code that read blind10: 0.817, life safety 83/105,
  false emergencies 15 (0.600, 48/105, 16 with caa6c0a; 0.771, 83/105, 16 with 807edf3);
  0.823, 82/105, 13 after blind11 was read; then read on 2026-11-24;
- ``blind13.jsonl`` (350, the same mix, written on 2026-11-24: a tropical storm on the
  Schuylkill and Cobbs Creek, a heat wave with rolling blackouts, a chemical fire with
  shelter-in-place, an ice storm, a water main break flooding a station, a crowd crush at the
  Mummers parade, carbon monoxide in a cold snap; the smaller languages' messages are short
  and plain): scored blind with the code of 2026-11-24's
  end (7ac0a4e): 0.906, life safety 89/105, false emergencies 6; 0.906, 88/105, 5 after
  blind11 was read; 0.914, 91/105, 5 after blind12 was read; then read;
- ``blind14.jsonl`` (350, the same mix, written on 2026-11-24: a blizzard with a snow
  emergency and tows, a nor'easter in Eastwick and Manayunk, a gas explosion in Kensington,
  a derecho, a 911 outage, a tornado warning, a protest with road closures, a boil-water
  advisory; relatives writing from far away, the key fact buried mid-message): scored
  blind with 7ac0a4e: 0.826, 94/105, 8; 0.837, 97/105, 7 after
  blind11 was read; 0.843, 98/105, 6 after blind12 was read; 0.843, 98/105, 6 after blind13
  was read; then read;
- ``blind15.jsonl`` (350, the same mix, written on 2026-11-24 while blind13 was read: storm
  surge at the Navy Yard, a heat emergency in a grid failure, a Chinatown high-rise fire, a
  pileup in fog, a water main break, a lead scare, a parade, black ice, wildfire smoke; asked
  for reported speech, past emergencies now over, hypotheticals, hyperbole): never read and
  never trained on. Scored blind: 0.834, 92/105, 20 false emergencies with 7ac0a4e; 0.840,
  93/105, 19 with 6ec1ac0 (blind11 and blind12 read); 0.837, 93/105, 20 after blind13 was
  read; 0.854, 93/105, 21 after the conditional rule and blind14 were read; 0.857, 93/105,
  21 after blind16 was read (session 9);
- ``blind16.jsonl`` (350, the same mix, written with blind15: flash floods on Lincoln Drive,
  brownouts, a rowhouse collapse, a chemical leak at a rail yard, stranded buses in snow, a
  sinkhole, an apartment fire, a July 4th crowd, frozen pipes in public housing; asked for
  relatives writing from far away, medical devices in outages, scary words used loosely,
  questions phrased as statements): scored blind: 0.871, 85/105, 10 with 7ac0a4e; 0.874,
  87/105, 10 with 6ec1ac0; the same after blind13 was read; 0.883, 89/105, 10 after the
  conditional rule and blind14 were read; then read on 2026-11-24 (session 9);
- ``blind17.jsonl`` (350, the same mix, written on 2026-11-24 in session 9: a hurricane's
  remnants, a polar vortex, a Schuylkill flood, a Kensington rowhouse fire, a 911 outage, a
  derecho, a Parkway crowd; asked for messages hard to read: voice-to-text errors, typos, all
  caps, code-switching, very short messages, sarcasm, scary words used loosely, emergencies
  told flatly): never read and never trained on. Scored blind: 0.831, 90/105, 12 with
  7ac0a4e; 0.869, 93/105, 8 with 85254a4 (session 9's start, lexicons of session 8); 0.871,
  94/105, 8 after blind16 was read.
- ``blind18.jsonl`` (350, the same mix, written with blind17: a nor'easter in Eastwick, a heat
  emergency with brownouts, a gas explosion in Nicetown, an ice storm, a refinery fire with
  shelter-in-place, a water main break on Broad St, the Eagles parade; asked for messages
  whose shape misleads: reported speech, past events over and ongoing ones told in the past
  tense, hypotheticals, forwarded warnings with a line added, two problems in one message,
  questions that are reports, offers of help): never read and never trained on. Scored
  blind: 0.783, 90/105, 17 with 7ac0a4e; 0.800, 89/105, 15 with 85254a4; 0.809, 92/105, 15
  after blind16 was read. Read in session 10 (2026-11-24): 0.940, 105/105, 5.
- ``blind19.jsonl`` (350, the same mix, written in session 10: the boundary of life safety;
  welfare checks, CO alarms, a generator in a garage, a space-heater fire out or still
  burning, cars in floodwater with or without someone inside, a tree on a house or on an
  empty car, calm wording of real emergencies and dramatic wording of non-emergencies, past
  emergencies, hypotheticals, reported speech; a heat emergency, flash floods, a nor'easter,
  an ice storm, a block fire, a sinkhole, a rail-car chemical spill, a stadium crowd crush):
  never read and never trained on. Scored blind: 0.906, 100/105, 14 with session 10's start
  (8d61243); 0.909, 100/105, 14 after blind18's rules; 0.906, 99/105, 14 once the heads were
  retrained with blind18.
- ``blind20.jsonl`` (350, the same mix, written with blind19: who is writing; teenagers,
  elderly residents, caregivers writing about a client, store owners, landlords and tenants,
  block captains, drivers, volunteers, relatives in another city, students, recent
  immigrants, tourists; the key fact buried mid-message, two problems, polite indirect asks;
  a blizzard, a heat dome, a hurricane's remnants, a water main break, a warehouse fire, a
  substation failure, a boil-water advisory, a parade): never read and never trained on.
  Scored blind: 0.874, 97/105, 4 with 8d61243; 0.880, 99/105, 4 after blind18's rules;
  0.883, 99/105, 4 once the heads were retrained with blind18.
- ``blind21.jsonl`` (350, written in session 10 after blind18 was read: English 80, Spanish
  45 and 15 in each other language, whose lines are asked to be as varied and hard as the
  English ones: calm or buried emergencies, hyperbole, emergencies that are over,
  hypotheticals, reported speech, forwarded warnings, thanks that turn into a new report,
  offers phrased as questions, relatives abroad, romanized Hindi, Bengali, Arabic and
  Russian): never read and never trained on. Scored blind: 0.797, 90/105, 14 with 8d61243;
  0.791, 88/105, 13 with session 10's rules and heads (0.800, 90/105, 13 with session 10's
  rules and 8d61243's heads). Then read in session 10: 0.963, 105/105, 5.
- ``blind22.jsonl`` (350, the usual mix, written with blind21: the shape of the
  conversation; replies to the city's own posts on X, long Telegram messages whose one
  actionable sentence sits among greetings and family news, and messages of one to six
  words): never read and never trained on. Scored blind: 0.809, 92/105, 9 with 8d61243;
  0.811, 91/105, 7 with session 10's rules and heads (0.809, 91/105, 8 with 8d61243's heads);
  0.814, 92/105, 7 after blind21 was read. Then read in session 10: 0.923, 104/105, 7.
- ``blind23.jsonl`` (350, written in session 10 after blind22 was read: English 110, Spanish
  45 and 13 in each other language; a hard winter: no heat, space heaters, ovens and grills
  for heat, generators indoors, CO alarms real and chirping, burst pipes, ice, falls, Code
  Blue): scored blind: 0.806, 96/106, 11 with 8d61243; 0.817, 95/106, 10 with fb89ae4 and
  with session 11's start (5adcf89). Then read in session 11 (the weakest of the unread
  sets): 0.949, 103/106, 1, with the heads retrained on it.
- ``blind24.jsonl`` (350, the usual mix, written with blind23: a summer of storms; a derecho,
  a tornado warning, flash floods, a heat advisory with outages, a partial collapse, a
  recycling-plant fire, the Fourth of July crowd; voice-to-text, slang, case numbers in the
  city's formats): never read and never trained on. Scored blind: 0.920, 100/105, 4 with
  8d61243; 0.926, 100/105, 3 with fb89ae4.
- ``blind25.jsonl`` (350, written in session 11 with blind26: English 120, Spanish 50, 12 in
  each other language; a papal-visit-sized crowd on the Parkway, a water main break, a heat
  wave; lost children and elders, stroke and heat-stroke signs told calmly, boil-water
  questions): scored blind: 0.843, 81/105, 1 with session 10's final code (155ab20); 0.840,
  80/105, 1 after blind23 was read (2794a5b). Then read in session 11: 0.977, 104/105, 0, with
  the heads retrained on it.
- ``blind26.jsonl`` (350, written in session 11: English 120, Spanish 50, 12 in each other
  language; an ice storm and then a thaw, from caregivers, landlords and tenants, store
  owners, block captains, nurses, people writing for a neighbour and relatives abroad): never
  read and never trained on. Scored blind: 0.846, 83/105, 11 with session 10's final code
  (155ab20); 0.854, 84/105, 9 after blind23 was read (2794a5b); 0.866, 87/105, 9 after
  blind25 was read; 0.874, 89/105, 9 after blind27 was read; 0.886, 91/105, 7 after blind28
  was read; 0.894, 92/105, 7 after blind30 was read; 0.897, 92/105, 7 after blind31 was read
  (session 12).
- ``blind27.jsonl`` (350, written in session 11 after blind25 was read: a hurricane's
  remnants; flash floods along the Schuylkill and in Eastwick, cars and a bus in the water,
  basement apartments, a tornado, a rowhouse collapse; writers of every age): scored blind:
  0.794, 78/105, 8 with 155ab20; 0.803, 80/105, 8 after blind25 was read (5772075). Then read
  in session 11: 0.951, 105/105, 2, with the heads retrained on it.
- ``blind28.jsonl`` (350, written with blind27: a heat dome with rolling blackouts, a
  refinery fire with a shelter-in-place order, storms at the end of the week): never read
  and scored blind: 0.849, 86/105, 9 with 155ab20; 0.863, 88/105, 9 after blind25 was read
  (5772075); 0.866, 88/105, 9 after blind27 was read (6860beb). Then read in session 11:
  0.966, 104/105, 3, with the heads retrained on it.
- ``blind29.jsonl`` (350, written in session 11 with blind30: an ordinary bad week; a
  nor'easter along the Delaware, a gas main break with an evacuation, a warehouse fire, a
  derailment, a heat spike and the everyday 311 load; writers unsure whether it is an
  emergency, people who already called 911): never read and never trained on. Scored blind:
  0.860, 92/105, 9 with 155ab20; 0.869, 93/105, 9 after blind27 was read (6860beb); 0.871,
  92/105, 8 after blind28 was read; 0.877, 93/105, 8 after blind30 was read; 0.874, 92/105,
  8 after blind31 was read (session 12).
- ``blind30.jsonl`` (350, written in session 11 after blind27 was read: a blizzard that shuts
  the city for three days; people snowed in on dialysis and oxygen, vents blocked by snow,
  heart attacks while shovelling, roofs and awnings collapsing, then ice and burst pipes):
  scored blind: 0.800, 91/105, 8 with 155ab20; 0.814, 94/105, 7 after blind27 was read
  (6860beb) and after blind28 was read (c3fa835). Then read at the end of session 11: 0.929,
  105/105, 4, with the heads retrained on it.
- ``blind31.jsonl`` (350, written at the end of session 11: a tornado in the Northeast and
  three days of cleanup; trees through roofs, a steeple down, ladders and chainsaws,
  generator fumes, medical equipment without power, donation drives): never read and never
  trained on. Scored blind: 0.820, 86/105, 7 with 155ab20; 0.837, 91/105, 10 with c3fa835
  and blind30's rules; 0.843, 93/105, 10 with the heads retrained on blind30. Then read in
  session 12 (the weakest of the unread sets): 0.986, 104/105, 2, with the heads retrained on
  it (the English witness threshold rose from 0.595 to 0.628).
- ``blind32.jsonl`` (350, written in session 12 before blind31 was read: a chemical spill
  upstream on the Delaware with a do-not-drink advisory, a SEPTA shutdown, a championship
  parade on Broad Street with lost children, fainting and a crush near City Hall; drills,
  jokes with "send help", rhetorical complaints, questions with no mark, forwarded warnings
  with a line added, reported speech): never read and never trained on. Scored blind: 0.831,
  97/105, 12 with session 11's final code (548e1f2); 0.834, 97/105, 12 after blind31 was read;
  0.837, 98/105, 12 after the native review of the lexicons (6df1593); 0.843, 98/105, 12 after
  blind33 was read (9f373bc). Then read in session 12: 0.986, 105/105, 3, with the heads
  retrained on it.
- ``blind33.jsonl`` (350, written with blind32: the Schuylkill floods Manayunk and East Falls
  and the Vine Street Expressway fills with water; then a rowhouse collapse in Kensington, a
  fire in a senior high-rise and a week of extreme cold; a third long Telegram-style messages,
  a third of one to six words; danger told and resolved in one message, welfare checks asked
  from far away, charcoal and ovens for heat): never read and never trained on. Scored blind:
  0.809, 95/105, 6 with 548e1f2; 0.806, 95/105, 7 after blind31 was read; 0.809, 95/105, 7
  after the native review of the lexicons (6df1593). Then read in session 12 (the weakest of
  the unread sets): 0.963, 105/105, 2, with the heads retrained on it.
- ``blind34.jsonl`` (350, written in session 12 while blind31 was read: a nine-day heat wave
  and, in its middle, a cyberattack that takes down the 311 phone line and website, so
  residents write at length and apologise for writing; heat illness, children in hot cars, a
  pool scare, brownouts, opened hydrants, a warehouse fire's smoke; "should I call 911?"
  asked about real emergencies): scored blind: 0.851, 91/105, 8 with 548e1f2 and after
  blind31 was read; 0.857, 93/105, 8 after the review; 0.851, 92/105, 8 at e487e5d. Then read
  at the end of session 12: 0.926, 101/105, 7, and not trained on (retrained with it, the heads
  caught 3 fewer on the unread sets and flagged 3 more false emergencies).
- ``blind35.jsonl`` (350, written with blind34; 99 messages whose first intent is life
  safety and 6 reports whose second is: an early-spring nor'easter with riverfront flooding,
  trees on rowhomes, a transformer explosion that blacks out Chinatown, a sinkhole, a school
  evacuated for a gas leak, a sudden freeze; dialects, messages written for a parent, two
  problems in one message, danger words about things): never read and never trained on.
  Scored blind: 0.886, 95/99, 6 with 548e1f2 and after blind31 was read; 0.886, 94/99, 7
  after the review (reverting one language at a time: the Khmer review costs the catch, the
  Chinese review the false emergency).
- ``blind36.jsonl`` (350, written in session 12 after blind33 was read: a freight train
  derails in Port Richmond and a tank car leaks; a shelter-in-place order for two days, an
  evacuation zone, burning eyes and throats, asthma and COPD, pets and medication left behind,
  a substation fire the same night, then the clean-up): never read and never trained on.
  Scored blind: 0.774, 84/105, 3 with 548e1f2; 0.786, 87/105, 3 after blind33 and blind32
  were read. Then read in session 12 (the weakest of the unread sets): 0.940, 103/105, 3, with
  the heads retrained on it.
- ``blind37.jsonl`` (350, written with blind36; 60 life-safety messages, 120 reports, 80
  chatter: no crisis at all, an ordinary autumn month of potholes, missed pickups, leaves in
  the drains, dumping, rats and landlords, the rare real emergency in between, and chatter
  full of scary words, "the Eagles defense is on fire", "trapped in this meeting lol"): never
  read and never trained on. Scored blind: 0.831, 57/60, 6 with 548e1f2; 0.840, 57/60, 5 after
  blind33 was read; 0.846, 57/60, 5 after blind36 was read; 0.849, 58/60, 5 at session 12's
  end (f6f1796). Then read in session 13: 0.980, 59/60, 1, and not trained on (retraining
  with it cost 3 life-safety messages and added 3 false emergencies on the unread sets).
- ``blind38.jsonl`` (350, written in session 12 while blind32 and blind36 were read: the
  city's 250th Fourth of July and World Cup match days; fan fests, fireworks, packed trains, a
  heat advisory, lost children and elderly tourists, visitors who name places only by their
  landmarks, sports hyperbole): never read and never trained on. Scored blind: 0.789, 90/105,
  5 with 548e1f2; 0.811, 90/105, 2 after blind32 was read (53bc829); 0.817, 91/105, 2 after
  blind36 was read. Then read at the end of session 12: 0.980, 104/105, 1, with the heads
  retrained on it.
- ``blind39.jsonl`` (350, written with blind38: an ice storm and a thaw, told mostly by
  residents in their seventies and eighties and the people who care for them; long polite
  messages with the point at the end, voice-to-text errors, falls told as over or happening
  now, oxygen alarms with and without a backup tank): never read and never trained on.
  Scored blind: 0.820, 100/105, 21 with 548e1f2 and 53bc829; 0.820, 100/105, 22 after blind36
  was read. Then read at the end of session 12: 0.891, 103/105, 17, and not trained on (see
  READ_NOT_TRAINED in bench/train.py: retraining with it cost 9 life-safety messages on the
  unread sets).
- ``blind40.jsonl`` (350, written in session 12 while blind39 and blind38 were read: a
  hurricane and an evacuation order for Eastwick, the riverfront and Manayunk; "am I in the
  zone?", rides for people who cannot drive, people who refuse to leave, then the surge at
  night and the clean-up): never read and never trained on. Scored blind: 0.837, 96/105, 14
  with 548e1f2; 0.854, 100/105, 12 after blind39 was read (0cc1587); 0.860, 100/105, 11 at
  session 12's end and after blind37 was read. Then read in session 13: 0.974, 105/105, 7,
  and not trained on (retraining with it cost 8 life-safety messages on the unread sets).
- ``blind41.jsonl`` (350, written with blind40; English 100, Spanish 50, 13-14 lines in each
  other language: a water main break under Castor Ave told through community group chats:
  forwarded messages, voice-note transcriptions, several people's situations in one message,
  quoted earlier messages, rumours): never read and never trained on. Scored blind: 0.886,
  90/105, 3 with 548e1f2; 0.891, 91/105, 4 after blind39 was read and at session 12's end.
- ``blind42.jsonl`` (350, written in session 13: an ice storm and a four-day outage in the
  Northeast and Northwest; limbs and wires under ice, burst pipes, space heaters and generators
  indoors, seniors in high-rises with no elevator, home health aides, superintendents and
  children writing from out of town about their parents): never read and never trained on.
  Scored blind: 0.877, 96/105, 10 with 548e1f2; 0.909, 98/105, 5 with f6f1796 (session 12's
  end).
- ``blind43.jsonl`` (350, written with blind42: a cloudburst on the Fourth of July weekend,
  flash floods on the Wissahickon, Main St, Eastwick and the Cobbs Creek while crowds watch
  the fireworks; cars in underpasses, lost children, lightning; voice-to-text with no
  punctuation, autocorrect errors, long group-chat messages): never read and never trained
  on. Scored blind: 0.889, 94/105, 7 with both 548e1f2 and f6f1796.
- ``blind44.jsonl`` (350, written in session 13 while blind37 and blind40 were read: a
  chemical plant fire with a shelter-in-place order in Southwest Philadelphia, then a tornado
  in the Northeast; night-shift workers, drivers, nurses, store owners and church leaders,
  official alerts quoted with a question added): never read and never trained on. Scored
  blind: 0.863, 101/105, 4 with 548e1f2; 0.886, 101/105, 4 with f6f1796; 0.889, 101/105, 4
  after blind37 and blind40 were read.
- ``blind45.jsonl`` (350, written with blind44: a February blizzard and a snow emergency;
  unplowed side streets, tows, sagging roofs, carbon monoxide from buried cars and blocked
  vents, dialysis patients snowed in; teenagers' slang and immigrants mixing English words
  into their language): never read and never trained on. Scored blind: 0.863, 93/105, 8
  with 548e1f2; 0.880, 94/105, 7 with f6f1796 and after blind37 and blind40 were read. Then
  read in session 13 and trained on: 0.971, 103/105, 4 (retraining with it caught 2 more
  life-safety messages on the unread sets, for the same false emergencies).
- ``blind46.jsonl`` (350, written in session 13 while blind45 was read: a July heat dome with
  rolling outages in Kensington, Fairhill, Hunting Park and Strawberry Mansion; opened
  hydrants, cooling centres, spoiled insulin, brush fires, heat stroke at a block party;
  many replies to the city's own posts, block captains and corner-store owners): never read
  and never trained on. Scored blind: 0.914, 102/105, 10 with 548e1f2; 0.917, 102/105, 9
  with f6f1796 and e6b72be.
- ``blind47.jsonl`` (350, written with blind46: a freight derailment with a hazardous leak in
  Port Richmond and Bridesburg two weeks after river flooding in Manayunk; the two events
  mixed up, rumours, pets left behind, returning home, mould, insurance, donations; Telegram
  channel style: forwards with a comment, several questions in one message, replies): never
  read and never trained on. Scored blind: 0.840, 95/105, 5 with 548e1f2; 0.857, 97/105, 5
  with f6f1796; 0.860, 97/105, 5 with e6b72be; 0.863, 97/105, 5 with 219ab62. Then read
  in session 13: 0.983, 103/105, 1, and not trained on (retraining with it cost 1 life-safety
  message and added 1 false emergency on the unread sets).
- ``blind48.jsonl`` (350, written in session 13 while blind47 was read: a papal visit with an
  outdoor Mass on the Parkway for a million people, a security perimeter and closures, then
  a heat spike; pilgrims who name places by landmarks, lost pilgrims and children, fainting
  and crushes at the barriers, residents inside the perimeter): never read and never trained
  on. Scored blind: 0.866, 93/105, 7 with 548e1f2; 0.877, 96/105, 8 with f6f1796; 0.886,
  97/105, 8 with f240c9e.
- ``blind49.jsonl`` (350, written with blind48; 60 life-safety messages: no crisis, an ordinary
  October and November; leaves, potholes, dumping, noise, rats, permits, taxes and water
  bills, holiday trash days, everyday emergencies and everyday hyperbole): scored blind: 0.857,
  57/60, 9 with 548e1f2; 0.857, 56/60, 9 with f6f1796; 0.869, 56/60, 9 with f240c9e. Then
  read in session 13: 0.986, 60/60, 1, and not trained on (retraining with it cost 2
  life-safety messages on the unread sets, for 1 fewer false emergency).
- ``blind50.jsonl`` (350, written in session 13 while blind49 was read: a water main break
  under Broad Street, a sinkhole and a three-day boil-water advisory; restaurants and day
  cares asking what they may serve, dialysis and formula, distribution sites, price gouging,
  older residents who cannot carry water; phonetic spelling, all caps, one message sent in
  pieces): scored blind: 0.797, 88/105, 7 with 548e1f2; 0.820, 91/105, 7 with f6f1796; 0.820,
  90/105, 6 with 2d11038. Then read in session 13: 0.960, 103/105, 4, and not trained on
  (retraining with it cost 2 life-safety messages on the unread sets, for 1 fewer false
  emergency).
- ``blind51.jsonl`` (350, written with blind50: wildfire smoke at Code Red for a week while a
  substation fire cuts power to 40,000 in Hunting Park; asthma and COPD, oxygen concentrators,
  masks and purifiers, traffic lights out, smoke that is not a fire and some that is, 311
  written to because 911 is busy): never read and never trained on. Scored blind: 0.823,
  96/105, 14 with 548e1f2; 0.826, 96/105, 13 with f6f1796; 0.837, 96/105, 13 with 2d11038. and
  42ee943. Then read at the end of session 13: 0.931, 103/105, 11, and not trained on
  (retraining with it cost 1 life-safety message on the unread sets, for 2 fewer false
  emergencies).

bench/train.py's witness head (life safety in residents' own words) and report head (something
for the city to do) are trained on every set but the never-read ones and those in its
READ_NOT_TRAINED (blind34, blind37, blind39, blind40, blind47, blind49, blind50, blind51),
so their figures on the others are in-sample.

Each line gives the acceptable intents (two where a careful agent could go either way) and
service codes. The floors sit just under the figures reached, so a change that loses ground
on residents' own words fails here even when the Disaster Response benchmark does not move.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_CATEGORIES
from bot.triage.pipeline import RuleTriage

CORPUS = Path(__file__).resolve().parents[1] / "data" / "resident_corpus"

# set -> (intent accuracy, emergency recall, false emergencies at most); figures reached on
# 2026-11-24 (default locator, no gazetteer): dev 0.918, 27/27, 2; check 0.882, 27/27, 2;
# emergency_check 0.940, 75/75, 1; blind 0.950, 89/90, 1; blind2 0.970, 89/90, 1;
# blind3 0.965, 101/102, 1; blind4 0.969, 110/110, 5; blind5 0.954, 104/105, 0;
# blind6 0.949, 105/105, 4; blind7 0.706, 82/105, 12. With the report head: dev 0.941,
# check 0.932, emergency_check 0.947, blind 0.975, blind2 0.983, blind3 0.988, blind4 0.972,
# blind5 0.957, blind6 0.966, blind7 0.734, 82/105, 12; blind8 0.820, 86/105, 8. After blind7
# and blind8 were read: dev 0.950, 27/27, 1; check 0.941, 27/27, 2; emergency_check 0.953,
# 75/75, 1; blind 0.983, 90/90, 1; blind2 0.983, 89/90, 2; blind3 0.988, 101/102, 1; blind4
# 0.975, 110/110, 4; blind5 0.969, 105/105, 0; blind6 0.969, 105/105, 3; blind7 0.957,
# 104/105, 2; blind8 0.977, 102/105, 1; blind9 0.834, 90/105, 10; blind10 0.857, 90/105, 7.
# After blind9 was read: blind4 0.972, blind6 0.971, blind9 0.957, 105/105, 4; blind10 0.871,
# 91/105, 7 (the others unchanged). With the stricter witness target for other languages:
# blind2 0.987, 89/90, 1; blind10 0.869, 90/105, 6; blind11 0.780, 82/105, 17. After blind10
# was read: blind7 0.957, 104/105, 2; blind10 0.971, 105/105, 4; blind11 0.791, 83/105, 15.
# After blind11 was read (2026-11-24): blind11 0.954, 104/105, 6; blind12 0.823, 82/105, 13;
# blind13 0.906, 88/105, 5; blind14 0.837, 97/105, 7 (the others unchanged).
# After blind12 was read: blind3 0.994, 102/102, 1; blind6 0.974, 105/105, 2; blind7 0.960;
# blind8 0.983, 103/105, 1; blind12 0.931, 102/105, 3; blind13 0.914, 91/105, 5; blind14 0.843,
# 98/105, 6.
# After blind13 was read: blind13 0.989, 102/105, 1; blind14 0.843, 98/105, 6; blind15 0.837,
# 93/105, 20; blind16 0.874, 87/105, 10 (the others unchanged).
# After the conditional rule and blind14 were read: blind7 0.969, 104/105, 1; blind8 0.986,
# 103/105, 0; blind9 0.963; blind11 0.957; blind12 0.934; blind13 0.991; blind14 0.954, 105/105, 2;
# blind15 0.854, 93/105, 21; blind16 0.883, 89/105, 10.
# After blind16 was read (2026-11-24, session 9): blind3 0.997; blind7 0.974; blind12 0.937;
# blind15 0.857, 93/105, 21; blind16 0.963, 100/105, 3; blind17 0.871, 94/105, 8 (the others
# unchanged).
# After blind18 was read (session 10): blind7 0.974, 103/105, 0; blind9 0.966, 105/105, 3;
# blind15 0.857, 93/105, 20; blind16 0.966, 100/105, 2; blind17 0.874, 94/105, 7; blind18
# 0.940, 105/105, 5; blind19 0.906, 99/105, 14; blind20 0.883, 99/105, 4 (the others
# unchanged).
# After blind21 was read (session 10): blind15 0.854, 93/105, 21; blind17 0.866, 94/105, 10;
# blind18 0.940, 105/105, 6; blind19 0.909, 100/105, 14; blind20 0.889, 99/105, 3; blind21
# 0.963, 105/105, 5; blind22 0.814, 92/105, 7 (the others unchanged).
# After blind22 was read (session 10): blind15 0.854, 93/105, 21; blind17 0.871, 94/105, 8;
# blind18 0.943, 105/105, 5; blind19 0.914, 100/105, 12; blind20 0.894, 100/105, 2; blind22
# 0.923, 104/105, 7 (the others unchanged).
# Sets whose errors were never read and that nothing was trained on: the honest figure.
# bench/train.py's witness head trains on every other set (but READ_NOT_TRAINED's) and never on
# these.
NEVER_READ = (
    "blind15",
    "blind17",
    "blind19",
    "blind20",
    "blind24",
    "blind26",
    "blind29",
    "blind35",
    "blind41",
    "blind42",
    "blind43",
    "blind44",
    "blind46",
    "blind48",
)
FLOORS = {
    "dev": (0.88, 0.96, 4),
    "check": (0.85, 0.96, 4),
    "emergency_check": (0.91, 0.97, 3),
    "blind": (0.92, 0.96, 3),
    "blind2": (0.94, 0.96, 3),
    "blind3": (0.94, 0.97, 3),
    "blind4": (0.94, 0.97, 8),
    "blind5": (0.93, 0.97, 3),
    "blind6": (0.92, 0.97, 7),
    "blind7": (0.93, 0.97, 4),
    "blind8": (0.95, 0.95, 3),
    "blind9": (0.93, 0.97, 6),
    "blind10": (0.94, 0.97, 6),
    "blind11": (0.94, 0.97, 7),
    "blind12": (0.91, 0.95, 5),
    "blind13": (0.97, 0.95, 3),
    "blind14": (0.94, 0.97, 4),
    "blind15": (0.83, 0.86, 24),
    "blind16": (0.94, 0.95, 5),
    "blind17": (0.84, 0.88, 12),
    "blind18": (0.92, 0.97, 7),
    "blind19": (0.89, 0.92, 15),
    "blind20": (0.86, 0.92, 6),
    "blind21": (0.94, 0.97, 7),
    "blind22": (0.90, 0.96, 9),
    "blind23": (0.93, 0.96, 3),
    "blind24": (0.90, 0.92, 6),
    "blind25": (0.96, 0.97, 2),
    "blind26": (0.86, 0.84, 10),
    "blind27": (0.93, 0.97, 4),
    "blind28": (0.95, 0.97, 5),
    "blind29": (0.85, 0.86, 10),
    "blind30": (0.91, 0.97, 6),
    "blind31": (0.96, 0.97, 4),
    "blind32": (0.96, 0.97, 5),
    "blind33": (0.94, 0.97, 4),
    "blind34": (0.90, 0.94, 9),
    "blind35": (0.86, 0.91, 10),
    "blind36": (0.91, 0.95, 5),
    "blind37": (0.96, 0.97, 3),
    "blind38": (0.95, 0.97, 3),
    "blind39": (0.87, 0.96, 19),
    "blind40": (0.95, 0.97, 9),
    "blind41": (0.87, 0.84, 6),
    "blind42": (0.89, 0.92, 8),
    "blind43": (0.87, 0.88, 10),
    "blind44": (0.87, 0.94, 7),
    "blind45": (0.95, 0.96, 6),
    "blind46": (0.90, 0.95, 11),
    "blind47": (0.96, 0.97, 3),
    "blind48": (0.87, 0.91, 10),
    "blind49": (0.97, 0.98, 3),
    "blind50": (0.94, 0.97, 6),
    "blind51": (0.91, 0.96, 13),
}


def _load(name: str) -> list[dict[str, Any]]:
    with open(CORPUS / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_is_well_formed(name: str) -> None:
    rows = _load(name)
    assert len(rows) >= 150
    for row in rows:
        assert set(row["intents"]) <= {
            "emergency", "service_request", "question", "status_query", "not_actionable",
        }  # fmt: skip
        assert set(row["categories"]) <= set(DEFAULT_CATEGORIES)
        assert row["location"] is None or row["location"] in row["text"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_residents_messages(triager: RuleTriage, name: str) -> None:
    rows = _load(name)
    floor_acc, floor_recall, max_false = FLOORS[name]
    results = [triager.triage(row["text"]) for row in rows]
    right = sum(res.intent.value in row["intents"] for res, row in zip(results, rows, strict=True))
    emergencies = [
        res for res, row in zip(results, rows, strict=True) if row["intents"][0] == "emergency"
    ]
    caught = sum(res.intent.value == "emergency" for res in emergencies)
    false = sum(
        res.intent.value == "emergency" and "emergency" not in row["intents"]
        for res, row in zip(results, rows, strict=True)
    )
    accuracy = right / len(rows)
    recall = caught / len(emergencies)
    print(f"{name}: intent {accuracy:.3f}, emergency recall {caught}/{len(emergencies)}, "
          f"false emergencies {false}")  # fmt: skip
    assert accuracy >= floor_acc
    assert recall >= floor_recall
    assert false <= max_false


def test_life_safety_category_is_never_a_guess(triager: RuleTriage) -> None:
    """A gas smell, a fire or a missing child with no service named is "other", never a
    service guessed from the other words (a flooding crew for a gas leak)."""
    rows = [
        r for name in FLOORS for r in _load(name)
        if r["intents"] == ["emergency"] and r["categories"] == ["other"]
    ]  # fmt: skip
    results = [triager.triage(r["text"]) for r in rows]
    wrong = [
        (r["text"], res.category)
        for r, res in zip(rows, results, strict=True)
        if res.intent.value == "emergency" and res.category not in ("other", "power_outage")
    ]
    assert len(wrong) <= len(rows) // 8, wrong
