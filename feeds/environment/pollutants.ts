/** The six VN_AQI parameters (QĐ 1459/QĐ-TCMT §2.1), keyed as in the protocol's `PollutantValues`. */
export type Pollutant = 'pm25' | 'pm10' | 'no2' | 'so2' | 'co' | 'o3';

/** Also the tie-break order for the dominant pollutant: the mandatory PM parameters come first. */
export const POLLUTANTS: readonly Pollutant[] = ['pm25', 'pm10', 'no2', 'so2', 'co', 'o3'];

export interface PollutantName {
  /** Chemical symbol for tables and chart axes. */
  readonly symbol: string;
  readonly vi: string;
  readonly en: string;
}

export const POLLUTANT_NAMES: Readonly<Record<Pollutant, PollutantName>> = {
  pm25: { symbol: 'PM2.5', vi: 'Bụi mịn PM2.5', en: 'Fine particulate matter PM2.5' },
  pm10: { symbol: 'PM10', vi: 'Bụi PM10', en: 'Particulate matter PM10' },
  no2: { symbol: 'NO₂', vi: 'Nitơ đioxit', en: 'Nitrogen dioxide' },
  so2: { symbol: 'SO₂', vi: 'Lưu huỳnh đioxit', en: 'Sulphur dioxide' },
  co: { symbol: 'CO', vi: 'Cacbon monoxit', en: 'Carbon monoxide' },
  o3: { symbol: 'O₃', vi: 'Ôzôn', en: 'Ozone' },
};
