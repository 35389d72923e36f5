// Ordinary words of ride SMS that must never be read as a misspelt or shortened commune name
// ("coucou" is one typo from Couzou, "bonne" two from Bannes). Exact names are not affected.
import { COMMON_WORDS } from '../gazetteer/common-words';

const WORDS = `
bonjour bonsoir salut coucou hello allo madame monsieur mme mr svp merci beaucoup cordialement
bisous bises bonne bon journee soiree nuit semaine weekend week end mois annee fois
oui ouais ok daccord non pas ne ni rien jamais toujours encore deja aussi tres trop peu plus
je tu il elle on nous vous ils elles moi toi lui me te se ma mon mes ta ton tes sa son ses notre votre leur leurs
qui que quoi quand comment combien pourquoi ou est sont suis es etes sommes ai as avons avez ont
veux veut voudrais voudrait voulais souhaite souhaiterais aimerais peux peut pouvez pourrais pourriez pourrait
dois doit devons devez faut besoin aller allez vais va allons venir viens vient rentrer rentre retour retourner
partir pars part depart arrivee arriver conduire emmener amener ramener chercher prendre deposer
trajet trajets voyage course courses transport covoiturage voiture place places personne personnes passager chauffeur
medecin docteur dentiste kine infirmiere hopital clinique pharmacie marche supermarche magasin banque poste mairie
gare bus train rendez rdv consultation examen radio analyse travail travaille boulot ecole college lycee
famille fille fils mari femme maman papa mere pere soeur frere enfant enfants amie ami
annuler annule annulation demande demandes reservation reserver confirmer confirme possible impossible
dispo disponible indisponible desole desolee malheureusement probleme souci sur bien super parfait genial
aide help info infos stop arret arreter pause reprise reprendre reprends start
matin matinee soir soiree midi apresmidi demain aujourdhui apres avant vers environ entre heure heures minutes
lundi mardi mercredi jeudi vendredi samedi dimanche prochain prochaine dernier derniere
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
habite habiter habitons suis reste domicile maison chez ville village centre bourg quartier route
ophtalmo ophtalmologue cardiologue dermato dermatologue gyneco specialiste labo laboratoire scanner irm dialyse
chimio kinesitherapeute orthophoniste podologue veterinaire notaire impots caf cpam pole emploi france travail
audition opticien coiffeur piscine cinema messe cimetiere maison retraite ehpad
serai serais sera serons cette ces cet celle celui sais sait savoir fille voiture panne canne chien chat temps pleut pluie neige devant derriere
fin debut milieu bout tout tous toute toutes autre autres meme seul seule ensemble
fais fait faire avoir message messages comprends comprend compris sms texto textos liste
retour aller simple urgent urgence vite rapidement attendre attends rappeler appeler appelez telephone numero
`;

export const SMS_WORDS: ReadonlySet<string> = new Set([
  ...WORDS.split(/\s+/).filter((w) => w !== ''),
  ...COMMON_WORDS,
]);
