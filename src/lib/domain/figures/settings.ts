// Constants of the figures; docs/figures.md gives their source and why.

/**
 * kg CO2e per car-km avoided: ADEME's average combustion car (Base Empreinte, as shown by the
 * Impact CO2 calculator: 218 g CO2e/km, construction included). A territory may set its own.
 */
export const CO2_KG_PER_CAR_KM = 0.218;
