"""The demo observatory's catalog as plain data: a faithful slice of the Ocean Networks Canada network.

Everything the contract's codes, windows and doctest records name is here with its real name, coordinates and
depth (locations, device categories, properties, devices with their sensors and data ratings, deployments with
citations; the data product types are those of every catalog, :mod:`pelagos.products.types`, for these devices),
plus enough other sites and instruments to make discovery interesting.
Histories follow the real maintenance rhythm: instruments are recovered and replaced on yearly ROV cruises,
often by a sister unit, so several consecutive deployments per site and device alternate between spares.

Conventions: times are int milliseconds since the epoch, UTC; a deployment's ``end`` is None while it is ongoing.
A sensor's ``derived`` names the TEOS-10 (gsw) computation that produces it from the measured conductivity,
temperature and pressure ("salinity", "density", "sigmat", "sigmatheta", "soundspeed"), or is None for a
measured value. Its ``qc`` holds QARTOD limits: ``gross_range`` [lo, hi] in the sensor's unit, ``spike``
threshold, ``rate_of_change`` per second and ``flat_line`` tolerance; a None limit means the test does not apply
(a moored instrument's heading is flat by design). Everything is deterministic: no clock, no unseeded random.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from pelagos.products.types import DeviceTraits, ProductSpec, product_types
from pelagos.timeutil import format_ms, parse_instant

#: Namespace of the deterministic deployment DOIs (uuid5 of device code, location code and begin time).
DOI_NAMESPACE = uuid.UUID("8f4d3c2a-6b1e-5d7f-9a0b-2c4e6f8a0b1c")
DOI_PREFIX = "10.80242/"


def ms(iso: str) -> int:
    """Epoch milliseconds of an ISO 8601 UTC date or date-time."""
    return parse_instant(iso)


@dataclass(frozen=True)
class LocationSpec:
    code: str
    name: str
    description: str
    parent: str | None
    lat: float
    lon: float
    depth: float


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: str
    description: str
    long_description: str
    cv_uri: str | None = None
    cv_vocabulary: str | None = None


@dataclass(frozen=True)
class PropertySpec:
    code: str
    name: str
    description: str
    uom: str
    cv_property: list[dict[str, str]] = field(default_factory=list)
    cv_uom: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SensorSpec:
    code: str
    name: str
    category_code: str
    property_code: str
    uom: str
    derived: str | None
    resolution: float
    qc: dict[str, Any]


@dataclass(frozen=True)
class DeviceSpec:
    id: int  # the public deviceId
    code: str
    name: str
    category: str
    raw_format: str | None  # parser / file family of the instrument's own output
    sensors: list[SensorSpec]
    sample_period: float | None  # seconds; None for devices that only write files (audio, video, seismic)
    cv_uri: str | None = None
    cv_vocabulary: str | None = None


@dataclass(frozen=True)
class RatingSpec:
    device: str
    date_from: int
    date_to: int | None
    sample_period: float
    sample_size: int = 1


@dataclass(frozen=True)
class DeploymentSpec:
    device: str
    location: str
    begin: int
    end: int | None
    depth: float
    lat: float
    lon: float
    heading: float | None = None
    pitch: float | None = None
    roll: float | None = None
    doi: str = ""
    citation: str = ""


# ---------------------------------------------------------------------------------------------------------------
# Locations: the search tree, rooted at ONC. Order among siblings is the order listed.

_FGPD_DESCRIPTION = (
    " Folger Deep is a deep location in Folger Passage near a pillar-like seamount, where productivity and marine"
    " mammals are observed."
)
_BACCC_DESCRIPTION = (
    " The Coral Cliffs are located within Barkley Canyon. At this location, boundary layer flow near steep"
    " bathymetry, interaction of currents, and deep-sea corals are observed."
)


def _loc(
    code: str, name: str, parent: str | None, lat: float, lon: float, depth: float, description: str = ""
) -> LocationSpec:
    return LocationSpec(code, name, description, parent, lat, lon, depth)


# fmt: off
LOCATIONS: list[LocationSpec] = [
    _loc("ONC", "Ocean Networks Canada", None, 50.0, -125.0, 0.0,
         " Ocean Networks Canada operates cabled ocean observatories in the northeast Pacific, the Salish Sea and"
         " the Arctic, with community observatories along the coasts of Canada."),
    # Northeast Pacific: the NEPTUNE cabled network
    _loc("NEP", "Northeast Pacific", "ONC", 48.4, -126.9, 0.0,
         " The NEPTUNE observatory: an 800 km loop of cable across the Juan de Fuca plate, from the continental"
         " shelf to the abyssal plain and the Endeavour ridge."),
    _loc("BC", "Barkley Canyon", "NEP", 48.35, -126.1, 0.0,
         " Barkley Canyon is a submarine canyon cutting the continental slope off Vancouver Island, with gas"
         " hydrate mounds, cold-water corals and strong canyon currents."),
    _loc("BACAX", "Barkley Canyon Axis", "BC", 48.316583, -126.050796, 985.0,
         " Barkley Canyon Axis is on the canyon floor, where sediment transport, currents and benthic life along"
         " the canyon axis are observed."),
    _loc("BACCC", "Coral Cliff", "BC", 48.31612, -126.06513, 887.0, _BACCC_DESCRIPTION),
    _loc("BACCC.A1", "ADCP 2 MHz East", "BACCC", 48.31615, -126.06488, 888.0),
    _loc("BACCC.A2", "ADCP 2 MHz West", "BACCC", 48.31609, -126.06541, 886.0),
    _loc("BACHY", "Barkley Canyon Hydrates", "BC", 48.312697, -126.065576, 870.0,
         " Barkley Canyon Hydrates is on a canyon-wall terrace with exposed gas hydrate mounds, chemosynthetic"
         " communities and the seafloor crawler Wally."),
    _loc("BACME", "Barkley Canyon Mid-East", "BC", 48.31506, -126.05812, 893.0,
         " Barkley Canyon Mid-East is on the eastern flank of the canyon, between the axis and the hydrate"
         " terrace."),
    _loc("BACUS", "Barkley Canyon Upper Slope", "BC", 48.427717, -126.174617, 396.0,
         " Barkley Canyon Upper Slope is on the continental slope above the canyon head, within the oxygen"
         " minimum zone."),
    _loc("FGP", "Folger Passage", "NEP", 48.8147, -125.2797, 0.0,
         " Folger Passage is at the mouth of Barkley Sound, where the coastal ocean meets the inlet and"
         " productivity, plankton and marine mammals are observed."),
    _loc("FGPD", "Folger Deep", "FGP", 48.813795, -125.280572, 96.569761, _FGPD_DESCRIPTION),
    _loc("FGPPN", "Folger Pinnacle", "FGP", 48.814838, -125.281161, 23.0,
         " Folger Pinnacle is a rocky reef rising to 23 m below the surface, covered in sponges, anemones and"
         " rockfish."),
    _loc("NCBC", "Folger Passage Bottom Pressure", "FGP", 48.815681, -125.279634, 99.0,
         " A Natural Resources Canada bottom pressure recorder on the seafloor of Folger Passage, part of the"
         " tsunami warning network since 2007."),
    _loc("CQS", "Clayoquot Slope", "NEP", 48.67, -126.85, 0.0,
         " Clayoquot Slope is on the accretionary prism of the northern Cascadia subduction zone, where methane"
         " seeps and gas hydrates form."),
    _loc("NC89", "Bullseye", "CQS", 48.670589, -126.848028, 1256.863158,
         " Bullseye is a cold vent at ODP site 889 where methane-rich fluids seep through the sediment; gas"
         " hydrates, seafloor pressure and currents are observed."),
    _loc("CBC", "Cascadia Basin", "NEP", 47.76, -127.76, 0.0,
         " Cascadia Basin is the abyssal plain at the foot of the continental slope, with borehole observatories"
         " (CORKs) in the oceanic crust."),
    _loc("NC27", "ODP 1027", "CBC", 47.7645, -127.7595, 2660.0,
         " ODP 1027 is a borehole observatory (CORK) monitoring the pressure and temperature of fluids in the"
         " upper oceanic crust."),
    _loc("NC26", "ODP 1026", "CBC", 47.7627, -127.7566, 2658.0,
         " ODP 1026 is a borehole observatory (CORK) near ODP 1027, hosting a broadband seismometer."),
    _loc("ENDV", "Endeavour", "NEP", 47.95, -129.1, 0.0,
         " The Endeavour segment of the Juan de Fuca Ridge, a marine protected area with black smoker"
         " hydrothermal vent fields."),
    _loc("KEMF", "Main Endeavour Field", "ENDV", 47.9493, -129.0985, 2194.0,
         " The Main Endeavour Field is the most active hydrothermal vent field of the segment, with tall sulfide"
         " chimneys and dense tubeworm communities."),
    _loc("KEMO", "Mothra", "ENDV", 47.9237, -129.1077, 2260.0,
         " Mothra is the southernmost vent field of the Endeavour segment."),
    _loc("ENHR", "High Rise", "ENDV", 47.9664, -129.0891, 2155.0,
         " High Rise is a vent field north of the Main Endeavour Field."),
    # Salish Sea: the VENUS cabled network and community observatories
    _loc("SAL", "Salish Sea", "ONC", 49.0, -123.4, 0.0,
         " The VENUS observatory in the inland sea between Vancouver Island and the mainland: the Strait of"
         " Georgia, Saanich Inlet and Burrard Inlet."),
    _loc("SOG", "Strait of Georgia", "SAL", 49.05, -123.4, 0.0,
         " The Strait of Georgia is a deep, estuarine basin shaped by the outflow of the Fraser River."),
    _loc("SEV", "Strait of Georgia East", "SOG", 49.0423, -123.3163, 0.0,
         " The eastern node of the Strait of Georgia network, on the slope of the Fraser River delta."),
    _loc("SEVIP", "Strait of Georgia East VENUS Instrument Platform", "SEV", 49.04229, -123.31626, 170.0,
         " An instrument platform at 170 m on the eastern slope of the Strait of Georgia, observing the deep water"
         " renewal, the Fraser plume and underwater sound from shipping."),
    _loc("SCV", "Strait of Georgia Central", "SOG", 49.0401, -123.4258, 0.0,
         " The central node of the Strait of Georgia network, in the deep basin of the strait."),
    _loc("SCVIP", "Strait of Georgia Central VENUS Instrument Platform", "SCV", 49.040066, -123.425827, 297.0,
         " An instrument platform at 300 m in the central Strait of Georgia basin."),
    _loc("FRD", "Fraser River Delta", "SOG", 49.08, -123.34, 0.0,
         " The foreslope of the Fraser River delta, where sediment gravity flows and slope stability are"
         " studied."),
    _loc("DDL", "Delta Dynamics Laboratory", "FRD", 49.08043, -123.33969, 145.0,
         " An array of instruments on the delta foreslope monitoring currents and sediment transport."),
    _loc("SAAN", "Saanich Inlet", "SAL", 48.6506, -123.4858, 0.0,
         " Saanich Inlet is a fjord with a shallow sill whose deep water turns seasonally anoxic."),
    _loc("SIIP", "Saanich Inlet VENUS Instrument Platform", "SAAN", 48.650857, -123.485839, 97.0,
         " The first VENUS instrument platform, at 97 m in Patricia Bay, observing the seasonal hypoxia of the"
         " inlet."),
    _loc("BRRD", "Burrard Inlet", "SAL", 49.289, -123.078, 0.0,
         " Burrard Inlet is Vancouver's harbour, one of the busiest ports of the Pacific coast."),
    _loc("BIIP", "Burrard Inlet Instrument Platform", "BRRD", 49.28921, -123.07864, 22.0,
         " An instrument platform in Burrard Inlet observing the water of the harbour."),
    _loc("BISS", "Burrard Inlet Shore Station", "BRRD", 49.28813, -123.07719, 0.0,
         " A shore station on the south side of Burrard Inlet with a weather station."),
    _loc("CRIP", "Campbell River", "SAL", 50.042, -125.246, 0.0,
         " A community observatory at Campbell River, at the northern end of the Strait of Georgia."),
    _loc("CRIP.C1", "Campbell River Instrument Platform", "CRIP", 50.04214, -125.24621, 7.0,
         " A shallow instrument platform off the Campbell River waterfront in Discovery Passage."),
    # Northern British Columbia coast: community observatories and port monitoring
    _loc("NBC", "Northern British Columbia Coast", "ONC", 54.1, -129.5, 0.0,
         " Community observatories and port monitoring stations on the north coast of British Columbia."),
    _loc("PRUP", "Prince Rupert", "NBC", 54.25, -130.38, 0.0,
         " The approaches to the Port of Prince Rupert in Chatham Sound."),
    _loc("RISS", "Ridley Island", "PRUP", 54.227629, -130.330521, 0.0,
         " A shore station on Ridley Island with a camera watching vessel traffic and sea state at the Prince"
         " Rupert terminals."),
    _loc("DIIP", "Digby Island Instrument Platform", "PRUP", 54.29524, -130.41561, 30.0,
         " A community observatory platform off Digby Island in Chatham Sound."),
    _loc("KVIP", "Kitamaat Village Instrument Platform", "NBC", 53.97183, -128.65042, 17.0,
         " A community observatory platform in Douglas Channel at Kitamaat Village."),
    # Arctic
    _loc("ARCT", "Arctic", "ONC", 69.1, -105.0, 0.0,
         " Ocean Networks Canada's observatories in the Canadian Arctic."),
    _loc("CBY", "Cambridge Bay", "ARCT", 69.1135, -105.0597, 0.0,
         " A community observatory in Cambridge Bay, Nunavut, observing sea ice, ocean conditions and the"
         " seasonal cycle under the ice."),
    _loc("CBYIP", "Cambridge Bay Underwater Network", "CBY", 69.113548, -105.059671, 7.0,
         " An underwater instrument platform at 7 m depth with a CTD, an ice profiler, a hydrophone and an"
         " underwater camera."),
    _loc("CBYSS", "Cambridge Bay Shore Station", "CBY", 69.11432, -105.06131, 0.0,
         " The shore station of the Cambridge Bay observatory, with a weather station."),
    _loc("CBYIB", "Cambridge Bay Sea Ice", "CBY", 69.10863, -105.04721, 0.0,
         " Winter deployments of an ice mass balance buoy in the landfast ice of Cambridge Bay."),
    # Atlantic
    _loc("ATL", "Atlantic", "ONC", 47.39, -53.13, 0.0,
         " Ocean Networks Canada's community observatories on the Atlantic coast."),
    _loc("HRIP", "Holyrood Instrument Platform", "ATL", 47.38994, -53.13318, 20.0,
         " A community observatory platform in Holyrood Bay, Conception Bay, Newfoundland."),
    # Mobile platforms
    _loc("MOBP", "Mobile Platforms", "ONC", 49.0, -123.4, 0.0,
         " Instruments carried by moving platforms: ferries and seafloor crawlers."),
    _loc("BCFS", "BC Ferries", "MOBP", 49.0, -123.4, 0.0,
         " Instrument packages on BC Ferries vessels measuring surface water along their routes."),
    _loc("TWSB", "Tsawwassen - Swartz Bay Ferry Route", "BCFS", 48.8966, -123.3412, 3.0,
         " The ferry route between Tsawwassen and Swartz Bay across the southern Strait of Georgia."),
    _loc("TWDP", "Tsawwassen - Duke Point Ferry Route", "BCFS", 49.0701, -123.4516, 3.0,
         " The ferry route between Tsawwassen and Duke Point across the central Strait of Georgia."),
    _loc("CRWL", "Seafloor Crawlers", "MOBP", 48.3128, -126.0655, 870.0,
         " Remotely operated seafloor crawlers driven over the internet."),
    _loc("WALLY", "Wally", "CRWL", 48.31279, -126.06549, 870.0,
         " Wally, a tracked crawler exploring the gas hydrate mounds of Barkley Canyon."),
]
# fmt: on

# ---------------------------------------------------------------------------------------------------------------
# Device categories

_ADCP_LONG = (
    " Acoustic Doppler Current Profilers (ADCPs) measure water current velocities over a range of depths. They"
    " transmit sound pulses and measure the Doppler shift of the echoes scattered back by particles drifting with"
    " the water, giving a profile of velocity in depth cells (bins). Lower frequencies reach farther with coarser"
    " bins."
)
_L05 = "SeaDataNet device categories"


def _adcp_category(code: str, frequency: str, reach: str) -> CategorySpec:
    return CategorySpec(
        code,
        f"Acoustic Doppler Current Profiler {frequency}",
        f"Acoustic Doppler Current Profiler ({frequency}, {reach})",
        _ADCP_LONG,
        "http://vocab.nerc.ac.uk/collection/L05/current/115/",
        _L05,
    )


DEVICE_CATEGORIES: list[CategorySpec] = [
    _adcp_category("ADCP1200KHZ", "1200 kHz", "profiles up to 20 m"),
    _adcp_category("ADCP150KHZ", "150 kHz", "profiles up to 300 m"),
    _adcp_category("ADCP2MHZ", "2 MHz", "profiles up to 10 m"),
    _adcp_category("ADCP55KHZ", "55 kHz", "profiles up to 1000 m"),
    _adcp_category("ADCP600KHZ", "600 kHz", "profiles up to 60 m"),
    _adcp_category("ADCP75KHZ", "75 kHz", "profiles up to 700 m"),
    CategorySpec(
        "BPR",
        "Bottom Pressure Recorder",
        "Bottom Pressure Recorder",
        " Bottom Pressure Recorders measure the pressure of the water column above the seafloor with quartz"
        " crystal sensors precise to a millimetre of water. They record tides, tsunamis and vertical motion of the"
        " seafloor.",
    ),
    CategorySpec(
        "CAMLIGHTS",
        "Camera Lights",
        "Lights for underwater cameras",
        " Lights that illuminate the field of view of deep-sea cameras, switched on for scheduled recordings.",
    ),
    CategorySpec(
        "CTD",
        "Conductivity Temperature Depth",
        "Conductivity Temperature (and Depth Sensor)",
        " Conductivity Temperature Depth (CTD) is an instrument package that contains sensors for measuring the"
        " conductivity, temperature, and pressure of seawater. Salinity, sound velocity, depth and density are"
        " variables that can be derived from sensor measurements. CTDs can carry additional instruments and sensors"
        " such as oxygen sensors, turbidity sensors and fluorometers.",
        "http://vocab.nerc.ac.uk/collection/L05/current/130/",
        _L05,
    ),
    CategorySpec(
        "CURRENTMETER",
        "Current Meter",
        "Single-point Doppler current meter",
        " Current meters measure the speed and direction of the current at one point, here by the Doppler shift"
        " of sound scattered by particles in a small volume near the instrument.",
    ),
    CategorySpec(
        "FLNTU",
        "Fluorometer Turbidity",
        "Chlorophyll fluorometer and turbidity sensor",
        " A combined optical sensor measuring chlorophyll fluorescence (an index of phytoplankton) and turbidity"
        " (light scattered by suspended particles).",
    ),
    CategorySpec(
        "HYDROPHONE",
        "Hydrophone",
        "Hydrophone (underwater microphone)",
        " Hydrophones record underwater sound: marine mammal calls, ship noise, rain, wind and earthquakes. The"
        " recordings are kept as audio files and summarised as spectrograms.",
    ),
    CategorySpec(
        "ICEBUOY",
        "Ice Buoy",
        "Ice mass balance buoy with a thermistor string",
        " Ice mass balance buoys are frozen into the sea ice. A string of thermistors through the air, snow, ice"
        " and water gives temperature profiles from which ice growth and melt are tracked.",
    ),
    CategorySpec(
        "ICEPROFILER",
        "Ice Profiler",
        "Upward-looking sonar measuring sea ice draft",
        " An upward-looking sonar on the seafloor that measures the draft (underwater thickness) of the sea ice"
        " passing overhead.",
    ),
    CategorySpec(
        "METSTN",
        "Weather Station",
        "Meteorological station",
        " A weather station measuring air temperature, humidity, barometric pressure and wind.",
    ),
    CategorySpec(
        "OXYSENSOR",
        "Oxygen Sensor",
        "Dissolved oxygen sensor (optode)",
        " Optodes measure dissolved oxygen from the quenching of a luminescent dye by oxygen molecules.",
    ),
    CategorySpec(
        "SEISMOMETER",
        "Seismometer",
        "Broadband seismometer",
        " Broadband seismometers record ground motion from local earthquakes, tremor and distant teleseisms.",
    ),
    CategorySpec(
        "TILTMETER",
        "Tiltmeter",
        "Precision tiltmeter",
        " Tiltmeters measure tiny changes of the seafloor's slope, a sign of deformation or settling.",
    ),
    CategorySpec(
        "TSG",
        "Thermosalinograph",
        "Thermosalinograph (surface water temperature and salinity)",
        " A thermosalinograph measures the temperature and conductivity of surface water pumped through a ship's"
        " hull, giving salinity along the vessel's track.",
    ),
    CategorySpec(
        "TURBIDITYMETER",
        "Turbidity Meter",
        "Optical turbidity sensor",
        " Turbidity meters measure light scattered by suspended particles, an index of sediment in the water.",
    ),
    CategorySpec(
        "VIDEOCAM",
        "Video Camera",
        "Video camera",
        " Cameras that record video and still images of the seafloor, the sea surface or the sea ice.",
    ),
]


# ---------------------------------------------------------------------------------------------------------------
# Properties

_P06 = "BODC data storage units"
_P01 = "BODC parameter usage vocabulary"


def _units(code: str) -> list[dict[str, str]]:
    return [{"uri": f"http://vocab.nerc.ac.uk/collection/P06/current/{code}/", "vocabulary": _P06}]


def _parameter(code: str) -> list[dict[str, str]]:
    return [{"uri": f"http://vocab.nerc.ac.uk/collection/P01/current/{code}/", "vocabulary": _P01}]


PROPERTIES: list[PropertySpec] = [
    PropertySpec(
        "airtemperature", "Air Temperature", "Air Temperature: degrees Celsius", "C", [], _units("UPAA")
    ),
    PropertySpec("barometricpressure", "Barometric Pressure", "Barometric Pressure: hectopascal", "hPa"),
    PropertySpec("chlorophyll", "Chlorophyll", "Chlorophyll: micrograms per litre", "ug/l"),
    PropertySpec(
        "conductivity", "Conductivity", "Conductivity: siemens per metre", "S/m", [], _units("UECA")
    ),
    PropertySpec(
        "currentdirection",
        "Current Direction",
        "Current Direction: degrees clockwise from true north",
        "deg",
        [],
        _units("UAAA"),
    ),
    PropertySpec(
        "currentspeed", "Current Speed", "Current Speed: metres per second", "m/s", [], _units("UVAA")
    ),
    PropertySpec(
        "density", "Density", "Density: kilograms per cubic metre (in situ)", "kg/m3", [], _units("UKMC")
    ),
    PropertySpec(
        "heading", "Heading", "Heading: degrees clockwise from magnetic north", "deg", [], _units("UAAA")
    ),
    PropertySpec(
        "icedraft", "Ice Draft", "Ice Draft: metres of sea ice below the waterline", "m", [], _units("ULAA")
    ),
    PropertySpec(
        "icetemperature",
        "Ice Temperature",
        "Ice Temperature: degrees Celsius along a thermistor string through air, snow, ice and water",
        "C",
        [],
        _units("UPAA"),
    ),
    PropertySpec("icethickness", "Ice Thickness", "Ice Thickness: metres", "m", [], _units("ULAA")),
    PropertySpec(
        "oxygen",
        "Oxygen",
        "Oxygen: dissolved oxygen concentration, millilitres per litre",
        "ml/l",
        [],
        _units("UMLL"),
    ),
    PropertySpec("pitch", "Pitch", "Pitch: degrees", "deg", [], _units("UAAA")),
    PropertySpec(
        "pressure",
        "Pressure",
        "Pressure: sea pressure, decibar",
        "decibar",
        _parameter("PRESPR01"),
        _units("UPDB"),
    ),
    PropertySpec(
        "pressureresidual",
        "Pressure Residual",
        "Pressure Residual: measured pressure minus the predicted tide (DART algorithm), decibar",
        "decibar",
        [],
        _units("UPDB"),
    ),
    PropertySpec("relativehumidity", "Relative Humidity", "Relative Humidity: percent", "%"),
    PropertySpec("roll", "Roll", "Roll: degrees", "deg", [], _units("UAAA")),
    PropertySpec(
        "salinity",
        "Practical Salinity",
        "Practical Salinity: practical salinity units",
        "psu",
        _parameter("PSALST01"),
        [],
    ),
    PropertySpec(
        "seawatertemperature",
        "Sea Water Temperature",
        "Sea Water Temperature: degrees Celsius",
        "C",
        _parameter("TEMPPR01"),
        _units("UPAA"),
    ),
    PropertySpec(
        "sigmat",
        "Sigma-t",
        "Sigma-t: density at atmospheric pressure minus 1000, kg/m3",
        "kg/m3",
        [],
        _units("UKMC"),
    ),
    PropertySpec(
        "sigmatheta",
        "Sigma-theta",
        "Sigma-theta: potential density minus 1000, kg/m3",
        "kg/m3",
        [],
        _units("UKMC"),
    ),
    PropertySpec("snowdepth", "Snow Depth", "Snow Depth: metres of snow on the ice", "m", [], _units("ULAA")),
    PropertySpec("soundspeed", "Sound Speed", "Sound Speed: metres per second", "m/s", [], _units("UVAA")),
    PropertySpec(
        "totalpressure",
        "Total Pressure",
        "Total Pressure: pressure of the water column and the atmosphere, decibar",
        "decibar",
        [],
        _units("UPDB"),
    ),
    PropertySpec("turbidity", "Turbidity", "Turbidity: nephelometric turbidity units", "NTU"),
    PropertySpec(
        "winddirection",
        "Wind Direction",
        "Wind Direction: degrees clockwise from true north, from",
        "deg",
        [],
        _units("UAAA"),
    ),
    PropertySpec("windspeed", "Wind Speed", "Wind Speed: metres per second", "m/s", [], _units("UVAA")),
]
_PROPERTY_BY_CODE = {p.code: p for p in PROPERTIES}


# ---------------------------------------------------------------------------------------------------------------
# Sensors: QARTOD limits per property, and the sensor kits of each instrument model


@dataclass(frozen=True)
class _Limits:
    resolution: float
    gross_range: tuple[float, float]
    spike: float | None
    rate_of_change: float | None  # per second
    flat_line: float | None


_LIMITS: dict[str, _Limits] = {
    "airtemperature": _Limits(0.1, (-55.0, 45.0), 5.0, 0.1, 0.001),
    "barometricpressure": _Limits(0.1, (850.0, 1090.0), 5.0, 0.1, None),
    "chlorophyll": _Limits(0.01, (0.0, 100.0), 5.0, 0.5, 0.001),
    "conductivity": _Limits(0.00001, (0.0, 7.0), 0.05, 0.01, 0.00001),
    "currentdirection": _Limits(0.1, (0.0, 360.0), None, None, None),
    "currentspeed": _Limits(0.001, (0.0, 5.0), 1.0, 0.5, 0.0001),
    "density": _Limits(0.0001, (990.0, 1080.0), 0.2, 0.01, 0.0001),
    "heading": _Limits(0.01, (0.0, 360.0), 45.0, 10.0, None),
    "icedraft": _Limits(0.01, (-1.0, 30.0), 2.0, 1.0, None),
    "icetemperature": _Limits(0.01, (-45.0, 10.0), 2.0, 0.1, 0.001),
    "icethickness": _Limits(0.01, (0.0, 5.0), 0.2, 0.001, None),
    "oxygen": _Limits(0.001, (0.0, 12.0), 1.0, 0.05, 0.001),
    "pitch": _Limits(0.01, (-90.0, 90.0), 10.0, 5.0, None),
    "pressure": _Limits(0.001, (-5.0, 7000.0), 2.0, 0.5, 0.001),
    "pressureresidual": _Limits(0.0001, (-10.0, 10.0), 0.5, 0.1, 0.00001),
    "relativehumidity": _Limits(0.1, (0.0, 100.0), 20.0, 1.0, None),
    "roll": _Limits(0.01, (-90.0, 90.0), 10.0, 5.0, None),
    "salinity": _Limits(0.0001, (0.0, 42.0), 0.2, 0.01, 0.0001),
    "seawatertemperature": _Limits(0.0001, (-2.5, 35.0), 0.5, 0.05, 0.0001),
    "sigmat": _Limits(0.0001, (-5.0, 45.0), 0.2, 0.01, 0.0001),
    "sigmatheta": _Limits(0.0001, (-5.0, 45.0), 0.2, 0.01, 0.0001),
    "snowdepth": _Limits(0.01, (0.0, 3.0), 0.2, 0.001, None),
    "soundspeed": _Limits(0.001, (1400.0, 1600.0), 2.0, 0.5, 0.001),
    "totalpressure": _Limits(0.0001, (-5.0, 7000.0), 0.5, 0.1, 0.0001),
    "turbidity": _Limits(0.01, (0.0, 1000.0), 5.0, 1.0, 0.001),
    "winddirection": _Limits(1.0, (0.0, 360.0), None, None, None),
    "windspeed": _Limits(0.1, (0.0, 75.0), 20.0, 5.0, None),
}


def _sensor(
    code: str,
    name: str,
    category: str,
    prop: str,
    derived: str | None = None,
    gross_range: tuple[float, float] | None = None,
) -> SensorSpec:
    """A sensor measuring ``prop``, with the property's unit, resolution and QC limits (``gross_range`` narrows
    the limits to the sensor's rated range)."""
    limits = _LIMITS[prop]
    lo, hi = gross_range or limits.gross_range
    qc = {
        "gross_range": [lo, hi],
        "spike": limits.spike,
        "rate_of_change": limits.rate_of_change,
        "flat_line": limits.flat_line,
    }
    return SensorSpec(code, name, category, prop, _PROPERTY_BY_CODE[prop].uom, derived, limits.resolution, qc)


def _nrcan_bpr() -> list[SensorSpec]:
    """Natural Resources Canada bottom pressure recorders: a Paroscientific quartz gauge and three thermometers."""
    return [
        _sensor("Pressure", "Seafloor Pressure", "pressure", "totalpressure"),
        _sensor("Temperature", "Housing Temperature", "temperature", "seawatertemperature"),
        _sensor("temperature1", "Temperature", "temperature1", "seawatertemperature"),
        _sensor("temperature2", "P-Sensor Temperature", "temperature2", "seawatertemperature"),
    ]


def _dart_residual() -> SensorSpec:
    """The tsunami-detection residual: measured pressure minus the DART tidal prediction."""
    return _sensor(
        "dart_pressure_residual", "DART Pressure Residual", "dart_pressure_residual", "pressureresidual"
    )


def _rbr_bpr() -> list[SensorSpec]:
    return [
        _sensor("Pressure", "Seafloor Pressure", "pressure", "totalpressure"),
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
        _dart_residual(),
    ]


def _ctd(max_pressure: float) -> list[SensorSpec]:
    """Conductivity, temperature and pressure, and the five TEOS-10 variables derived from them."""
    return [
        _sensor("Conductivity", "Conductivity", "conductivity", "conductivity"),
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
        _sensor("Pressure", "Pressure", "pressure", "pressure", gross_range=(-5.0, max_pressure)),
        _sensor("Salinity", "Practical Salinity", "salinity", "salinity", derived="salinity"),
        _sensor("Density", "Density", "density", "density", derived="density"),
        _sensor("Sigma_T", "Sigma-t", "sigma_t", "sigmat", derived="sigmat"),
        _sensor("Sigma_Theta", "Sigma-theta", "sigma_theta", "sigmatheta", derived="sigmatheta"),
        _sensor("Sound_Speed", "Sound Speed", "sound_speed", "soundspeed", derived="soundspeed"),
    ]


def _ctd_oxygen(max_pressure: float) -> list[SensorSpec]:
    """A CTD with a Sea-Bird SBE 43 dissolved oxygen sensor on its pump loop."""
    return [*_ctd(max_pressure), _sensor("Oxygen", "Dissolved Oxygen", "oxygen", "oxygen")]


def _tsg() -> list[SensorSpec]:
    return [
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
        _sensor("Conductivity", "Conductivity", "conductivity", "conductivity"),
        _sensor("Salinity", "Practical Salinity", "salinity", "salinity", derived="salinity"),
    ]


def _optode() -> list[SensorSpec]:
    return [
        _sensor("Oxygen", "Dissolved Oxygen", "oxygen", "oxygen"),
        _sensor("Temperature", "Optode Temperature", "temperature", "seawatertemperature"),
    ]


def _adcp(max_pressure: float) -> list[SensorSpec]:
    """The scalar ancillary sensors of a current profiler (the velocity profiles live in its archive files)."""
    return [
        _sensor("Heading", "Heading", "heading", "heading"),
        _sensor("Pitch", "Pitch", "pitch", "pitch"),
        _sensor("Roll", "Roll", "roll", "roll"),
        _sensor("Temperature", "Transducer Temperature", "temperature", "seawatertemperature"),
        _sensor("Pressure", "Pressure", "pressure", "pressure", gross_range=(-5.0, max_pressure)),
    ]


def _current_meter() -> list[SensorSpec]:
    return [
        _sensor("Speed", "Current Speed", "speed", "currentspeed"),
        _sensor("Direction", "Current Direction", "direction", "currentdirection"),
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
    ]


def _flntu() -> list[SensorSpec]:
    return [
        _sensor("Chlorophyll", "Chlorophyll Fluorescence", "chlorophyll", "chlorophyll"),
        _sensor("Turbidity", "Turbidity", "turbidity", "turbidity"),
    ]


def _ntu() -> list[SensorSpec]:
    return [_sensor("Turbidity", "Turbidity", "turbidity", "turbidity")]


def _tiltmeter() -> list[SensorSpec]:
    return [
        _sensor("TiltX", "Tilt X", "tilt_x", "pitch"),
        _sensor("TiltY", "Tilt Y", "tilt_y", "roll"),
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
    ]


def _ice_profiler() -> list[SensorSpec]:
    return [
        _sensor("IceDraft", "Ice Draft", "ice_draft", "icedraft"),
        _sensor("Pressure", "Pressure", "pressure", "pressure", gross_range=(-5.0, 100.0)),
        _sensor("Temperature", "Temperature", "temperature", "seawatertemperature"),
    ]


def _ice_buoy() -> list[SensorSpec]:
    """A SIMBA buoy: seven thermistors every 50 cm through air, snow, ice and water, plus ice and snow thickness."""
    heights = ["1.0 m above", "0.5 m above", "at", "0.5 m below", "1.0 m below", "1.5 m below", "2.0 m below"]
    thermistors = [
        _sensor(
            f"Thermistor{i:02d}",
            f"Temperature {height} the Ice Surface",
            f"thermistor{i:02d}",
            "icetemperature",
        )
        for i, height in enumerate(heights)
    ]
    return [
        *thermistors,
        _sensor("IceThickness", "Ice Thickness", "ice_thickness", "icethickness"),
        _sensor("SnowDepth", "Snow Depth", "snow_depth", "snowdepth"),
    ]


def _weather_station() -> list[SensorSpec]:
    return [
        _sensor("AirTemperature", "Air Temperature", "air_temperature", "airtemperature"),
        _sensor("RelativeHumidity", "Relative Humidity", "relative_humidity", "relativehumidity"),
        _sensor("BarometricPressure", "Barometric Pressure", "barometric_pressure", "barometricpressure"),
        _sensor("WindSpeed", "Wind Speed", "wind_speed", "windspeed"),
        _sensor("WindDirection", "Wind Direction", "wind_direction", "winddirection"),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Devices. Ids are the public deviceIds; most were handed out in the order the devices joined the network.

_SEAVOX = "SeaVoX Device Catalogue"
_NRCAN_BPR_TERM = "http://vocab.nerc.ac.uk/collection/L22/current/TOOL1652/"


def _dev(
    ident: int,
    code: str,
    name: str,
    category: str,
    raw_format: str | None,
    sensors: list[SensorSpec],
    sample_period: float | None,
    cv_uri: str | None = None,
) -> DeviceSpec:
    return DeviceSpec(
        ident, code, name, category, raw_format, sensors, sample_period, cv_uri, _SEAVOX if cv_uri else None
    )


# fmt: off
DEVICES: list[DeviceSpec] = [
    # ADCP1200KHZ
    _dev(12535, "RDIADCP1200WH3316", "RDI Workhorse Sentinel ADCP 1200 kHz 3316", "ADCP1200KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(14203, "RDIADCP1200WH3317", "RDI Workhorse Sentinel ADCP 1200 kHz 3317", "ADCP1200KHZ", "rdi", _adcp(350.0), 60.0),
    # ADCP150KHZ
    _dev(11706, "RDIADCP150WH10512", "RDI Workhorse Quartermaster ADCP 150 kHz 10512", "ADCP150KHZ", "rdi", _adcp(1000.0), 60.0),
    _dev(12235, "RDIADCP150WH10519", "RDI Workhorse Quartermaster ADCP 150 kHz 10519", "ADCP150KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(12611, "RDIADCP150WH10513", "RDI Workhorse Quartermaster ADCP 150 kHz 10513", "ADCP150KHZ", "rdi", _adcp(1000.0), 60.0),
    _dev(13752, "RDIADCP150WH10520", "RDI Workhorse Quartermaster ADCP 150 kHz 10520", "ADCP150KHZ", "rdi", _adcp(350.0), 60.0),
    # ADCP2MHZ
    _dev(12765, "NORTEKAQDPRO5612", "Nortek Aquadopp Profiler 2 MHz 5612", "ADCP2MHZ", "nortek", _adcp(2000.0), 10.0),
    _dev(13080, "NORTEKAQDPRO6120", "Nortek Aquadopp Profiler 2 MHz 6120", "ADCP2MHZ", "nortek", _adcp(2000.0), 10.0),
    _dev(13846, "NORTEKAQDPRO6243", "Nortek Aquadopp Profiler 2 MHz 6243", "ADCP2MHZ", "nortek", _adcp(2000.0), 10.0),
    _dev(14447, "NORTEKAQDPRO5643", "Nortek Aquadopp Profiler 2 MHz 5643", "ADCP2MHZ", "nortek", _adcp(350.0), 10.0),
    _dev(14496, "NORTEKAQDPRO5656", "Nortek Aquadopp Profiler 2 MHz 5656", "ADCP2MHZ", "nortek", _adcp(350.0), 10.0),
    _dev(14870, "NORTEKAQDPRO6133", "Nortek Aquadopp Profiler 2 MHz 6133", "ADCP2MHZ", "nortek", _adcp(2000.0), 10.0),
    _dev(15818, "NORTEKAQDPRO8398", "Nortek Aquadopp Profiler 2 MHz 8398", "ADCP2MHZ", "nortek", _adcp(2000.0), 10.0),
    _dev(15925, "NORTEKAQDPRO5657", "Nortek Aquadopp Profiler 2 MHz 5657", "ADCP2MHZ", "nortek", _adcp(350.0), 10.0),
    _dev(15968, "NORTEKAQDPRO5661", "Nortek Aquadopp Profiler 2 MHz 5661", "ADCP2MHZ", "nortek", _adcp(350.0), 10.0),
    # ADCP55KHZ
    _dev(15687, "NORTEKSIG55KHZ100153", "Nortek Signature55 Current Profiler 100153", "ADCP55KHZ", "nortek", _adcp(2000.0), 60.0),
    _dev(16866, "NORTEKSIG55KHZ100162", "Nortek Signature55 Current Profiler 100162", "ADCP55KHZ", "nortek", _adcp(2000.0), 60.0),
    # ADCP600KHZ
    _dev(12198, "RDIADCP600WH8456", "RDI Workhorse Sentinel ADCP 600 kHz 8456", "ADCP600KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(13035, "RDIADCP600WH8457", "RDI Workhorse Sentinel ADCP 600 kHz 8457", "ADCP600KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(15382, "RDIADCP600WH25470", "RDI Workhorse Sentinel ADCP 600 kHz 25470", "ADCP600KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(16346, "RDIADCP600WH25469", "RDI Workhorse Sentinel ADCP 600 kHz 25469", "ADCP600KHZ", "rdi", _adcp(350.0), 60.0),
    _dev(16748, "RDIADCP600WH25471", "RDI Workhorse Sentinel ADCP 600 kHz 25471", "ADCP600KHZ", "rdi", _adcp(350.0), 60.0),
    # ADCP75KHZ
    _dev(11445, "RDIADCP75WH13021", "RDI Workhorse Long Ranger ADCP 75 kHz 13021", "ADCP75KHZ", "rdi", _adcp(2000.0), 60.0),
    _dev(11877, "RDIADCP75WH13012", "RDI Workhorse Long Ranger ADCP 75 kHz 13012", "ADCP75KHZ", "rdi", _adcp(2000.0), 60.0),
    _dev(13904, "RDIADCP75WH13024", "RDI Workhorse Long Ranger ADCP 75 kHz 13024", "ADCP75KHZ", "rdi", _adcp(2000.0), 60.0),
    _dev(14382, "RDIADCP75WH13018", "RDI Workhorse Long Ranger ADCP 75 kHz 13018", "ADCP75KHZ", "rdi", _adcp(2000.0), 60.0),
    # BPR
    _dev(21503, "BPR-Folger-59", "NRCan Bottom Pressure Recorder 59", "BPR", "bpr-hex", _nrcan_bpr(), 1.0, _NRCAN_BPR_TERM),
    _dev(22503, "BPR_889", "NRCan Bottom Pressure Recorder 88", "BPR", "bpr-hex", [*_nrcan_bpr(), _dart_residual()], 1.0, _NRCAN_BPR_TERM),
    _dev(11587, "BPR_1027", "NRCan Bottom Pressure Recorder 62", "BPR", "bpr-hex", _nrcan_bpr(), 1.0),
    _dev(11648, "BPR_BC", "NRCan Bottom Pressure Recorder 61", "BPR", "bpr-hex", _nrcan_bpr(), 1.0),
    _dev(16996, "RBRQUARTZ3BPR203659", "RBRquartz3 Bottom Pressure Recorder 203659", "BPR", "rbr-ascii", _rbr_bpr(), 1.0),
    # CAMLIGHTS
    _dev(13164, "DSPLSEALITE1105", "DeepSea Power & Light SeaLite 1105", "CAMLIGHTS", None, [], None),
    _dev(14313, "DSPLSEALITE1122", "DeepSea Power & Light SeaLite 1122", "CAMLIGHTS", None, [], None),
    # CTD
    _dev(11083, "SBECTD16p0119", "Sea-Bird SeaCAT SBE16plus V2 0119", "CTD", "sbe-ascii", _ctd_oxygen(350.0), 10.0),
    _dev(11145, "SBECTD19p4525", "Sea-Bird SeaCAT SBE19plus V2 4525", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(11192, "SBECTD19p3581", "Sea-Bird SeaCAT SBE19plus V2 3581", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(11319, "SBECTD16p0124", "Sea-Bird SeaCAT SBE16plus V2 0124", "CTD", "sbe-ascii", _ctd_oxygen(350.0), 10.0),
    _dev(11356, "SBECTD16p4914", "Sea-Bird SeaCAT SBE16plus V2 4914", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(11549, "SBECTD16p4952", "Sea-Bird SeaCAT SBE16plus V2 4952", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(11751, "SBECTD16p4877", "Sea-Bird SeaCAT SBE16plus V2 4877", "CTD", "sbe-ascii", _ctd(1000.0), 10.0),
    _dev(11816, "SBECTD16p4876", "Sea-Bird SeaCAT SBE16plus V2 4876", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(11991, "SBECTD16p4911", "Sea-Bird SeaCAT SBE16plus V2 4911", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(12017, "SBECTD16p5031", "Sea-Bird SeaCAT SBE16plus V2 5031", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(12311, "SBECTD16p5127", "Sea-Bird SeaCAT SBE16plus V2 5127", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(12343, "SBECTD19p4628", "Sea-Bird SeaCAT SBE19plus V2 4628", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(12415, "SBECTD19p4686", "Sea-Bird SeaCAT SBE19plus V2 4686", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(12488, "SBECTD16p5133", "Sea-Bird SeaCAT SBE16plus V2 5133", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(12685, "SBECTD16p5039", "Sea-Bird SeaCAT SBE16plus V2 5039", "CTD", "sbe-ascii", _ctd(1000.0), 10.0),
    _dev(12735, "SBECTD16p4910", "Sea-Bird SeaCAT SBE16plus V2 4910", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(12828, "SBECTD16p5160", "Sea-Bird SeaCAT SBE16plus V2 5160", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(12899, "SBECTD16p5126", "Sea-Bird SeaCAT SBE16plus V2 5126", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(13057, "SBECTD16p5045", "Sea-Bird SeaCAT SBE16plus V2 5045", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(13307, "SBECTD16p5037", "Sea-Bird SeaCAT SBE16plus V2 5037", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(13422, "SBECTD16p4958", "Sea-Bird SeaCAT SBE16plus V2 4958", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(13457, "SBECTD16p5201", "Sea-Bird SeaCAT SBE16plus V2 5201", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(13529, "SBECTD16p5215", "Sea-Bird SeaCAT SBE16plus V2 5215", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(13774, "SBECTD16p5128", "Sea-Bird SeaCAT SBE16plus V2 5128", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(13871, "SBECTD16p5040", "Sea-Bird SeaCAT SBE16plus V2 5040", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(14071, "SBECTD16p4953", "Sea-Bird SeaCAT SBE16plus V2 4953", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(14090, "SBECTD16p7101", "Sea-Bird SeaCAT SBE16plus V2 7101", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(14161, "SBECTD16p5134", "Sea-Bird SeaCAT SBE16plus V2 5134", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(14613, "SBECTD16p7149", "Sea-Bird SeaCAT SBE16plus V2 7149", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(14719, "SBECTD19p5026", "Sea-Bird SeaCAT SBE19plus V2 5026", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(14793, "SBECTD16p6002", "Sea-Bird SeaCAT SBE16plus V2 6002", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(14849, "SBECTD16p5102", "Sea-Bird SeaCAT SBE16plus V2 5102", "CTD", "sbe-ascii", _ctd(2000.0), 10.0),
    _dev(15071, "SBECTD16p5208", "Sea-Bird SeaCAT SBE16plus V2 5208", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(15219, "SBECTD19p7247", "Sea-Bird SeaCAT SBE19plus V2 7247", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(15439, "SBECTD16p7312", "Sea-Bird SeaCAT SBE16plus V2 7312", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(15660, "SBECTD19p6981", "Sea-Bird SeaCAT SBE19plus V2 6981", "CTD", "sbe-xml", _ctd(2000.0), 0.25),
    _dev(15772, "SBECTD19p6936", "Sea-Bird SeaCAT SBE19plus V2 6936", "CTD", "sbe-xml", _ctd(2000.0), 0.25),
    _dev(16041, "SBECTD16p5216", "Sea-Bird SeaCAT SBE16plus V2 5216", "CTD", "sbe-ascii", _ctd(3500.0), 10.0),
    _dev(16081, "AMLMETRECX50341", "AML Metrec-X CTD 50341", "CTD", "aml-ascii", _ctd(100.0), 1.0),
    _dev(16207, "SBECTD19p7251", "Sea-Bird SeaCAT SBE19plus V2 7251", "CTD", "sbe-xml", _ctd(350.0), 1.0),
    _dev(16383, "SBECTD16p7318", "Sea-Bird SeaCAT SBE16plus V2 7318", "CTD", "sbe-ascii", _ctd(350.0), 10.0),
    _dev(16467, "RBRCONCERTO3CTD66045", "RBRconcerto3 CTD 66045", "CTD", "rbr-ascii", _ctd(100.0), 1.0),
    _dev(16528, "RBRCONCERTO3CTD66101", "RBRconcerto3 CTD 66101", "CTD", "rbr-ascii", _ctd(100.0), 1.0),
    _dev(16615, "AMLMETRECX50348", "AML Metrec-X CTD 50348", "CTD", "aml-ascii", _ctd(100.0), 1.0),
    _dev(16694, "RBRCONCERTO3CTD66047", "RBRconcerto3 CTD 66047", "CTD", "rbr-ascii", _ctd(100.0), 1.0),
    _dev(16843, "SBECTD19p7096", "Sea-Bird SeaCAT SBE19plus V2 7096", "CTD", "sbe-xml", _ctd(2000.0), 1.0),
    _dev(16974, "RBRCONCERTO3CTD66102", "RBRconcerto3 CTD 66102", "CTD", "rbr-ascii", _ctd(100.0), 1.0),
    # CURRENTMETER
    _dev(13277, "NORTEKAQDCM9214", "Nortek Aquadopp Current Meter 9214", "CURRENTMETER", "nortek", _current_meter(), 60.0),
    # FLNTU
    _dev(15738, "WETLABSFLNTU3303", "WET Labs ECO FLNTU 3303", "FLNTU", "wetlabs", _flntu(), 60.0),
    # HYDROPHONE
    _dev(11488, "NAXYS_HYD_011", "Naxys Ethernet Hydrophone 02345 011", "HYDROPHONE", "naxys", [], None),
    _dev(11967, "NAXYS_HYD_007", "Naxys Ethernet Hydrophone 02345 007", "HYDROPHONE", "naxys", [], None),
    _dev(12156, "JASCOAMAR2062", "JASCO AMAR G3 Hydrophone 2062", "HYDROPHONE", "jasco", [], None),
    _dev(13009, "JASCOAMAR2065", "JASCO AMAR G3 Hydrophone 2065", "HYDROPHONE", "jasco", [], None),
    _dev(13397, "ICLISTENHF1250", "Ocean Sonics icListen HF Hydrophone 1250", "HYDROPHONE", "iclisten", [], None),
    _dev(13567, "ICLISTENHF1252", "Ocean Sonics icListen HF Hydrophone 1252", "HYDROPHONE", "iclisten", [], None),
    _dev(13635, "ICLISTENHF1241", "Ocean Sonics icListen HF Hydrophone 1241", "HYDROPHONE", "iclisten", [], None),
    _dev(13953, "ICLISTENHF1353", "Ocean Sonics icListen HF Hydrophone 1353", "HYDROPHONE", "iclisten", [], None),
    _dev(14688, "ICLISTENAF2523", "Ocean Sonics icListen AF Hydrophone 2523", "HYDROPHONE", "iclisten", [], None),
    _dev(15120, "ICLISTENHF1389", "Ocean Sonics icListen HF Hydrophone 1389", "HYDROPHONE", "iclisten", [], None),
    _dev(15488, "ICLISTENHF1423", "Ocean Sonics icListen HF Hydrophone 1423", "HYDROPHONE", "iclisten", [], None),
    _dev(15540, "ICLISTENHF1318", "Ocean Sonics icListen HF Hydrophone 1318", "HYDROPHONE", "iclisten", [], None),
    _dev(15560, "ICLISTENHF1560", "Ocean Sonics icListen HF Hydrophone 1560", "HYDROPHONE", "iclisten", [], None),
    _dev(15855, "ICLISTENHF1251", "Ocean Sonics icListen HF Hydrophone 1251", "HYDROPHONE", "iclisten", [], None),
    _dev(16267, "ICLISTENHF1366", "Ocean Sonics icListen HF Hydrophone 1366", "HYDROPHONE", "iclisten", [], None),
    _dev(16807, "ICLISTENHF1424", "Ocean Sonics icListen HF Hydrophone 1424", "HYDROPHONE", "iclisten", [], None),
    _dev(16920, "ICLISTENAF2641", "Ocean Sonics icListen AF Hydrophone 2641", "HYDROPHONE", "iclisten", [], None),
    # ICEBUOY
    _dev(16653, "SAMSSIMBA0105", "SAMS SIMBA Ice Mass Balance Buoy 0105", "ICEBUOY", "sams-simba", _ice_buoy(), 3600.0),
    _dev(16941, "SAMSSIMBA0107", "SAMS SIMBA Ice Mass Balance Buoy 0107", "ICEBUOY", "sams-simba", _ice_buoy(), 3600.0),
    # ICEPROFILER
    _dev(14127, "ASLIPS51088", "ASL Shallow Water Ice Profiler 51088", "ICEPROFILER", "asl-ips", _ice_profiler(), 1.0),
    _dev(15015, "ASLIPS51091", "ASL Shallow Water Ice Profiler 51091", "ICEPROFILER", "asl-ips", _ice_profiler(), 1.0),
    # METSTN
    _dev(14020, "AIRMAR200WX60007", "Airmar 200WX Weather Station 60007", "METSTN", "airmar", _weather_station(), 60.0),
    _dev(15157, "AIRMAR200WX60012", "Airmar 200WX Weather Station 60012", "METSTN", "airmar", _weather_station(), 60.0),
    # OXYSENSOR
    _dev(11246, "AANDOPTODE0711", "Aanderaa Oxygen Optode 4831 0711", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(11384, "AANDOPTODE0955", "Aanderaa Oxygen Optode 4831 0955", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(11915, "AANDOPTODE0943", "Aanderaa Oxygen Optode 4831 0943", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(12083, "AANDOPTODE0871", "Aanderaa Oxygen Optode 4831 0871", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(12440, "AANDOPTODE0715", "Aanderaa Oxygen Optode 4831 0715", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(12939, "AANDOPTODE0874", "Aanderaa Oxygen Optode 4831 0874", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(13225, "AANDOPTODE0961", "Aanderaa Oxygen Optode 4831 0961", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(13324, "AANDOPTODE1062", "Aanderaa Oxygen Optode 4831 1062", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(14404, "AANDOPTODE1206", "Aanderaa Oxygen Optode 4831 1206", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(15318, "AANDOPTODE1311", "Aanderaa Oxygen Optode 4831 1311", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(15901, "AANDOPTODE1208", "Aanderaa Oxygen Optode 4831 1208", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    _dev(16421, "AANDOPTODE1312", "Aanderaa Oxygen Optode 4831 1312", "OXYSENSOR", "aanderaa", _optode(), 60.0),
    # SEISMOMETER
    _dev(11532, "GURALPCMG1TT1T45", "Guralp CMG-1T Broadband Seismometer T1T45", "SEISMOMETER", "guralp", [], None),
    _dev(13204, "GURALPCMG1TT1T61", "Guralp CMG-1T Broadband Seismometer T1T61", "SEISMOMETER", "guralp", [], None),
    _dev(13480, "GURALPCMG1TT1T70", "Guralp CMG-1T Broadband Seismometer T1T70", "SEISMOMETER", "guralp", [], None),
    _dev(15289, "GURALPCMG1TT1T52", "Guralp CMG-1T Broadband Seismometer T1T52", "SEISMOMETER", "guralp", [], None),
    # TILTMETER
    _dev(13998, "JEWELLTILT1233", "Jewell Instruments Tiltmeter 1233", "TILTMETER", "jewell", _tiltmeter(), 1.0),
    # TSG
    _dev(13667, "SBETSG45p0451", "Sea-Bird SBE 45 MicroTSG 0451", "TSG", "sbe-ascii", _tsg(), 1.0),
    _dev(14747, "SBETSG45p0460", "Sea-Bird SBE 45 MicroTSG 0460", "TSG", "sbe-ascii", _tsg(), 1.0),
    _dev(15270, "SBETSG45p0457", "Sea-Bird SBE 45 MicroTSG 0457", "TSG", "sbe-ascii", _tsg(), 1.0),
    _dev(16149, "SBETSG45p0463", "Sea-Bird SBE 45 MicroTSG 0463", "TSG", "sbe-ascii", _tsg(), 1.0),
    # TURBIDITYMETER
    _dev(14940, "WETLABSNTU3221", "WET Labs ECO NTU 3221", "TURBIDITYMETER", "wetlabs", _ntu(), 60.0),
    _dev(16286, "WETLABSNTU3228", "WET Labs ECO NTU 3228", "TURBIDITYMETER", "wetlabs", _ntu(), 60.0),
    # VIDEOCAM
    _dev(12785, "ZEUSPLUSCAM0412", "Insite Zeus Plus Video Camera 0412", "VIDEOCAM", "zeus-cam", [], None),
    _dev(12872, "WALLYCAM01", "Wally Crawler Camera 01", "VIDEOCAM", "axis-cam", [], None),
    _dev(13123, "SUBCIPCAM1005", "SubC 1Cam Video Camera 1005", "VIDEOCAM", "subc-cam", [], None),
    _dev(13734, "SUBCIPCAM1002", "SubC 1Cam Video Camera 1002", "VIDEOCAM", "subc-cam", [], None),
    _dev(14267, "SUBCIPCAM1011", "SubC 1Cam Video Camera 1011", "VIDEOCAM", "subc-cam", [], None),
    _dev(14568, "WALLYCAM02", "Wally Crawler Camera 02", "VIDEOCAM", "axis-cam", [], None),
    _dev(14831, "ZEUSPLUSCAM0415", "Insite Zeus Plus Video Camera 0415", "VIDEOCAM", "zeus-cam", [], None),
    _dev(14985, "AXISP1346ACCC8E1F3A20", "Axis P1346 Underwater Camera ACCC8E1F3A20", "VIDEOCAM", "axis-cam", [], None),
    _dev(15608, "AXISQ6044PTZACCC8E334C53", "Axis Q6044-E PTZ Camera ACCC8E334C53", "VIDEOCAM", "axis-cam", [], None),
    _dev(16572, "AXISP1346ACCC8E1F3A21", "Axis P1346 Underwater Camera ACCC8E1F3A21", "VIDEOCAM", "axis-cam", [], None),
]
# fmt: on


# ---------------------------------------------------------------------------------------------------------------
# Deployments, grouped by site and device category (begin, end, depth m, lat, lon[, heading, pitch, roll]).


def _d(
    device: str,
    location: str,
    begin: str,
    end: str | None,
    depth: float,
    lat: float,
    lon: float,
    heading: float | None = None,
    pitch: float | None = None,
    roll: float | None = None,
) -> DeploymentSpec:
    return DeploymentSpec(
        device, location, ms(begin), None if end is None else ms(end), depth, lat, lon, heading, pitch, roll
    )


# fmt: off
_DEPLOYMENTS: list[DeploymentSpec] = [
    # BACAX CTD
    _d("SBECTD16p4876", "BACAX", "2009-09-13T15:44:12.000Z", "2010-05-20T13:22:49.000Z", 985.0, 48.316539, -126.050788),
    _d("SBECTD16p4910", "BACAX", "2010-05-20T15:25:08.000Z", "2011-09-21T13:12:58.000Z", 983.0, 48.316596, -126.050707),
    _d("SBECTD16p5037", "BACAX", "2011-09-21T15:44:26.000Z", "2012-09-18T13:24:57.000Z", 985.0, 48.316605, -126.050726),
    _d("SBECTD16p4876", "BACAX", "2012-09-18T15:55:58.000Z", "2013-05-26T13:20:09.000Z", 986.0, 48.316547, -126.050704),
    _d("SBECTD16p5037", "BACAX", "2013-05-26T15:54:09.000Z", "2014-05-09T13:06:11.000Z", 983.0, 48.316604, -126.050849),
    _d("SBECTD16p6002", "BACAX", "2014-05-09T15:50:42.000Z", "2015-09-17T12:59:52.000Z", 982.0, 48.316583, -126.050796),
    _d("SBECTD16p4910", "BACAX", "2015-09-17T15:25:58.000Z", "2016-07-09T13:13:00.000Z", 984.0, 48.316639, -126.050728),
    _d("SBECTD19p6936", "BACAX", "2016-07-09T15:38:46.000Z", "2017-06-14T13:12:16.000Z", 985.0, 48.316601, -126.050804),
    _d("SBECTD16p6002", "BACAX", "2017-06-14T15:52:33.000Z", "2018-06-02T13:20:45.000Z", 984.0, 48.316523, -126.050743),
    _d("SBECTD19p6936", "BACAX", "2018-06-02T15:44:28.000Z", "2019-06-15T13:01:47.000Z", 985.0, 48.316586, -126.050765),
    _d("SBECTD16p5037", "BACAX", "2019-06-15T15:17:42.000Z", "2021-06-11T13:22:00.000Z", 984.0, 48.316521, -126.050713),
    _d("SBECTD16p6002", "BACAX", "2021-06-11T15:56:39.000Z", "2023-06-08T13:04:32.000Z", 986.0, 48.316533, -126.050806),
    _d("SBECTD19p6936", "BACAX", "2023-06-08T15:29:57.000Z", None, 983.0, 48.316639, -126.050716),
    # BACAX ADCP2MHZ
    _d("NORTEKAQDPRO5612", "BACAX", "2010-05-20T15:45:40.000Z", "2012-09-18T13:39:22.000Z", 983.0, 48.316529, -126.050737, 21.0, -1.7, -0.6),
    _d("NORTEKAQDPRO6243", "BACAX", "2012-09-18T15:42:07.000Z", "2016-07-09T13:50:34.000Z", 984.0, 48.316582, -126.050732, 2.4, 2.0, -1.9),
    _d("NORTEKAQDPRO8398", "BACAX", "2016-07-09T15:51:43.000Z", "2018-06-02T13:56:06.000Z", 983.0, 48.316584, -126.050748, 4.0, 0.4, -1.4),
    _d("NORTEKAQDPRO6243", "BACAX", "2018-06-02T16:32:20.000Z", "2021-06-11T13:41:39.000Z", 985.0, 48.316534, -126.050741, 11.3, 2.5, 2.5),
    _d("NORTEKAQDPRO8398", "BACAX", "2021-06-11T16:16:55.000Z", None, 985.0, 48.316585, -126.050804, 4.2, 0.0, 1.0),
    # BACAX ADCP75KHZ
    _d("RDIADCP75WH13012", "BACAX", "2009-09-13T16:54:27.000Z", "2013-05-26T14:22:13.000Z", 984.0, 48.316567, -126.050747, 276.3, 0.2, -2.0),
    _d("RDIADCP75WH13018", "BACAX", "2013-05-26T16:56:43.000Z", "2019-06-15T14:24:38.000Z", 984.0, 48.316598, -126.050778, 267.3, 0.2, 2.3),
    _d("RDIADCP75WH13012", "BACAX", "2019-06-15T17:03:46.000Z", None, 984.0, 48.316624, -126.050783, 274.9, 0.9, 2.4),
    # BACAX OXYSENSOR
    _d("AANDOPTODE0943", "BACAX", "2009-09-13T17:06:40.000Z", "2011-09-21T15:05:10.000Z", 984.0, 48.316605, -126.050768),
    _d("AANDOPTODE1062", "BACAX", "2011-09-21T17:13:22.000Z", "2014-05-09T15:01:12.000Z", 984.0, 48.316601, -126.050765),
    _d("AANDOPTODE0943", "BACAX", "2014-05-09T17:26:56.000Z", "2016-07-09T15:15:49.000Z", 984.0, 48.316586, -126.050702),
    _d("AANDOPTODE1062", "BACAX", "2016-07-09T17:50:07.000Z", "2019-06-15T15:01:58.000Z", 983.0, 48.316635, -126.050705),
    _d("AANDOPTODE0943", "BACAX", "2019-06-15T17:25:54.000Z", "2023-06-08T14:59:24.000Z", 984.0, 48.316555, -126.05082),
    _d("AANDOPTODE1062", "BACAX", "2023-06-08T17:10:26.000Z", None, 983.0, 48.316552, -126.050737),
    # BACAX HYDROPHONE
    _d("NAXYS_HYD_007", "BACAX", "2009-09-13T18:19:27.000Z", "2011-09-21T15:45:07.000Z", 984.0, 48.316546, -126.050743),
    _d("ICLISTENHF1250", "BACAX", "2011-09-21T17:57:19.000Z", "2016-07-09T15:42:36.000Z", 984.0, 48.316589, -126.05082),
    _d("ICLISTENHF1251", "BACAX", "2016-07-09T18:05:35.000Z", "2021-06-11T15:35:40.000Z", 983.0, 48.316538, -126.05086),
    _d("ICLISTENHF1250", "BACAX", "2021-06-11T18:15:31.000Z", None, 984.0, 48.316557, -126.05085),
    # BACCC OXYSENSOR
    _d("AANDOPTODE1206", "BACCC", "2013-05-26T18:52:19.000Z", "2016-07-09T16:12:10.000Z", 886.0, 48.316147, -126.065106),
    _d("AANDOPTODE1208", "BACCC", "2016-07-09T18:24:11.000Z", "2019-06-15T16:08:14.000Z", 888.0, 48.316112, -126.065162),
    _d("AANDOPTODE1206", "BACCC", "2019-06-15T18:51:41.000Z", None, 887.0, 48.316135, -126.06513),
    # BACCC.A1 ADCP2MHZ
    _d("NORTEKAQDPRO5643", "BACCC.A1", "2013-05-26T19:32:04.000Z", "2016-07-09T17:05:27.000Z", 888.0, 48.316196, -126.064851, 89.9, -0.5, 1.1),
    _d("NORTEKAQDPRO5657", "BACCC.A1", "2016-07-09T19:14:53.000Z", "2019-06-15T16:43:23.000Z", 889.0, 48.316173, -126.064825, 92.5, 2.5, -1.5),
    _d("NORTEKAQDPRO5643", "BACCC.A1", "2019-06-15T19:00:21.000Z", None, 888.0, 48.316099, -126.064901, 93.6, 0.0, 1.5),
    # BACCC.A2 ADCP2MHZ
    _d("NORTEKAQDPRO5656", "BACCC.A2", "2013-05-26T20:13:47.000Z", "2016-07-09T17:40:38.000Z", 885.0, 48.316079, -126.065334, 276.3, 0.5, -0.4),
    _d("NORTEKAQDPRO5661", "BACCC.A2", "2016-07-09T20:25:37.000Z", "2019-06-15T17:29:54.000Z", 886.0, 48.316043, -126.065428, 276.3, -1.0, 1.1),
    _d("NORTEKAQDPRO5656", "BACCC.A2", "2019-06-15T19:38:22.000Z", None, 886.0, 48.316078, -126.065462, 279.2, -2.7, -1.9),
    # BACHY CTD
    _d("SBECTD16p4911", "BACHY", "2009-09-13T20:34:25.000Z", "2012-09-18T18:05:29.000Z", 871.0, 48.312638, -126.065549),
    _d("SBECTD16p5040", "BACHY", "2012-09-18T20:34:42.000Z", "2015-09-17T18:18:29.000Z", 870.0, 48.312692, -126.065628),
    _d("SBECTD16p4911", "BACHY", "2015-09-17T20:27:44.000Z", "2018-06-02T17:57:25.000Z", 870.0, 48.312649, -126.06562),
    _d("SBECTD16p5040", "BACHY", "2018-06-02T20:35:21.000Z", None, 869.0, 48.312703, -126.065623),
    # BACHY VIDEOCAM
    _d("ZEUSPLUSCAM0412", "BACHY", "2010-05-20T21:12:46.000Z", "2014-05-09T18:41:45.000Z", 870.0, 48.312724, -126.065615, 183.4, -2.1, -0.2),
    _d("ZEUSPLUSCAM0415", "BACHY", "2014-05-09T21:01:42.000Z", "2019-06-15T18:37:05.000Z", 871.0, 48.31271, -126.065508, 170.5, 0.6, 0.6),
    # BACME CTD
    _d("SBECTD16p4958", "BACME", "2011-09-21T22:09:15.000Z", "2014-05-09T19:20:04.000Z", 892.0, 48.315053, -126.058158),
    _d("SBECTD16p5102", "BACME", "2014-05-09T21:29:24.000Z", "2017-06-14T19:16:16.000Z", 892.0, 48.315105, -126.058176),
    _d("SBECTD16p4958", "BACME", "2017-06-14T21:58:25.000Z", "2021-06-11T19:19:57.000Z", 893.0, 48.315072, -126.058108),
    _d("SBECTD16p5102", "BACME", "2021-06-11T21:42:54.000Z", None, 892.0, 48.315022, -126.058196),
    # BACUS BPR
    _d("BPR_BC", "BACUS", "2009-09-12T15:17:15.000Z", "2019-06-14T13:04:37.000Z", 396.0, 48.427773, -126.174649),
    _d("BPR_BC", "BACUS", "2019-06-14T15:28:01.000Z", None, 396.0, 48.427742, -126.174604),
    # BACUS ADCP150KHZ
    _d("RDIADCP150WH10512", "BACUS", "2009-09-12T16:32:23.000Z", "2010-05-19T13:58:11.000Z", 396.0, 48.427753, -126.174556, 46.5, 2.0, 2.9),
    _d("RDIADCP150WH10513", "BACUS", "2010-05-19T16:41:17.000Z", "2011-09-20T13:41:34.000Z", 396.0, 48.427688, -126.174596, 49.0, 1.9, -0.7),
    _d("RDIADCP150WH10512", "BACUS", "2011-09-20T16:24:16.000Z", "2013-05-25T13:37:41.000Z", 396.0, 48.427728, -126.174614, 39.9, -2.9, -2.5),
    _d("RDIADCP150WH10513", "BACUS", "2013-05-25T16:02:32.000Z", "2015-09-16T13:59:12.000Z", 397.0, 48.427684, -126.174597, 37.2, 2.1, 0.7),
    _d("RDIADCP150WH10512", "BACUS", "2015-09-16T16:32:22.000Z", "2017-06-13T13:53:03.000Z", 395.0, 48.427681, -126.174645, 49.3, -1.9, 2.7),
    _d("RDIADCP150WH10513", "BACUS", "2017-06-13T16:26:53.000Z", "2019-06-14T13:53:09.000Z", 396.0, 48.427689, -126.174625, 32.4, -2.0, 0.7),
    _d("RDIADCP150WH10512", "BACUS", "2019-06-14T16:04:28.000Z", "2022-08-07T13:39:39.000Z", 395.0, 48.42771, -126.174554, 49.7, -2.1, -1.7),
    _d("RDIADCP150WH10513", "BACUS", "2022-08-07T15:50:59.000Z", None, 397.0, 48.42767, -126.174564, 43.3, 2.2, 0.4),
    # BACUS CTD
    _d("SBECTD16p4877", "BACUS", "2009-09-12T16:46:23.000Z", "2010-05-19T14:38:15.000Z", 395.0, 48.427708, -126.174686),
    _d("SBECTD16p5039", "BACUS", "2010-05-19T17:22:22.000Z", "2011-09-20T14:29:41.000Z", 395.0, 48.427663, -126.174639),
    _d("SBECTD16p4877", "BACUS", "2011-09-20T16:29:55.000Z", "2013-05-25T14:14:32.000Z", 396.0, 48.427691, -126.174582),
    _d("SBECTD16p5039", "BACUS", "2013-05-25T16:43:29.000Z", "2015-09-16T14:37:42.000Z", 395.0, 48.427665, -126.174572),
    _d("SBECTD16p4877", "BACUS", "2015-09-16T17:15:58.000Z", "2017-06-13T14:37:47.000Z", 395.0, 48.427661, -126.174651),
    _d("SBECTD16p5039", "BACUS", "2017-06-13T16:42:36.000Z", "2019-06-14T14:20:32.000Z", 395.0, 48.427671, -126.174636),
    _d("SBECTD16p4877", "BACUS", "2019-06-14T16:28:50.000Z", "2022-08-07T14:25:04.000Z", 396.0, 48.42769, -126.174616),
    _d("SBECTD16p5039", "BACUS", "2022-08-07T17:09:52.000Z", None, 395.0, 48.427686, -126.174588),
    # FGPD CTD
    _d("SBECTD16p5031", "FGPD", "2009-09-24T15:28:18.000Z", "2010-09-15T13:12:58.000Z", 94.0, 48.813667, -125.28195),
    _d("SBECTD16p5126", "FGPD", "2010-09-15T15:40:43.000Z", "2011-09-18T13:04:45.000Z", 95.0, 48.813749, -125.280534),
    _d("SBECTD16p5031", "FGPD", "2011-09-18T15:30:22.000Z", "2012-09-13T13:12:25.000Z", 96.0, 48.813815, -125.280796),
    _d("SBECTD16p5126", "FGPD", "2012-09-13T15:31:10.000Z", "2013-05-30T13:24:17.000Z", 97.0, 48.813799, -125.280812),
    _d("SBECTD16p5031", "FGPD", "2013-05-30T15:44:38.000Z", "2014-05-13T13:24:06.000Z", 97.0, 48.813784, -125.280559),
    _d("SBECTD16p5126", "FGPD", "2014-05-13T15:49:27.000Z", "2015-09-11T13:15:11.000Z", 95.0, 48.813748, -125.280299),
    _d("SBECTD16p5031", "FGPD", "2015-09-11T15:43:28.000Z", "2016-06-29T13:24:27.000Z", 95.0, 48.813719, -125.280728),
    _d("SBECTD16p5126", "FGPD", "2016-06-29T15:45:28.000Z", "2017-06-20T13:18:54.000Z", 95.0, 48.81377, -125.280794),
    _d("SBECTD16p5031", "FGPD", "2017-06-20T15:50:06.000Z", "2018-05-25T13:24:58.000Z", 97.0, 48.813862, -125.280393),
    _d("SBECTD16p5126", "FGPD", "2018-05-25T15:50:13.000Z", "2019-06-12T13:12:45.000Z", 95.0, 48.81375, -125.280455),
    _d("SBECTD16p5031", "FGPD", "2019-06-12T15:14:28.000Z", "2020-09-28T13:24:30.000Z", 97.0, 48.813811, -125.280575),
    _d("SBECTD16p5126", "FGPD", "2020-09-28T15:34:46.000Z", None, 95.0, 48.813825, -125.280527),
    # FGPD OXYSENSOR
    _d("AANDOPTODE0871", "FGPD", "2009-09-24T15:54:44.000Z", "2010-09-15T13:40:50.000Z", 97.0, 48.81377, -125.280476),
    _d("AANDOPTODE0874", "FGPD", "2010-09-15T16:02:37.000Z", "2011-09-18T13:59:38.000Z", 96.0, 48.813818, -125.280718),
    _d("AANDOPTODE0871", "FGPD", "2011-09-18T16:08:56.000Z", "2012-09-13T13:58:07.000Z", 95.0, 48.813862, -125.280689),
    _d("AANDOPTODE0874", "FGPD", "2012-09-13T16:11:13.000Z", "2013-05-30T13:49:15.000Z", 95.0, 48.813759, -125.280718),
    _d("AANDOPTODE0871", "FGPD", "2013-05-30T15:55:33.000Z", "2014-05-13T13:52:09.000Z", 96.0, 48.813777, -125.28064),
    _d("AANDOPTODE0874", "FGPD", "2014-05-13T16:02:49.000Z", "2015-09-11T13:57:30.000Z", 97.0, 48.813798, -125.280682),
    _d("AANDOPTODE0871", "FGPD", "2015-09-11T16:21:04.000Z", "2016-06-29T13:50:16.000Z", 96.0, 48.81389, -125.280429),
    _d("AANDOPTODE0874", "FGPD", "2016-06-29T16:32:04.000Z", "2017-06-20T13:57:16.000Z", 97.0, 48.813785, -125.280626),
    _d("AANDOPTODE0871", "FGPD", "2017-06-20T16:38:02.000Z", "2018-05-25T13:46:43.000Z", 95.0, 48.813738, -125.280454),
    _d("AANDOPTODE0874", "FGPD", "2018-05-25T16:17:49.000Z", "2019-06-12T13:59:37.000Z", 95.0, 48.81389, -125.28045),
    _d("AANDOPTODE0871", "FGPD", "2019-06-12T16:19:42.000Z", "2020-09-28T13:55:12.000Z", 97.0, 48.813827, -125.280861),
    _d("AANDOPTODE0874", "FGPD", "2020-09-28T15:58:27.000Z", None, 97.0, 48.813731, -125.280599),
    # FGPD HYDROPHONE
    _d("JASCOAMAR2062", "FGPD", "2009-09-24T17:03:25.000Z", "2010-09-15T14:21:29.000Z", 100.0, 48.81388, -125.276237),
    _d("JASCOAMAR2065", "FGPD", "2010-09-15T16:32:36.000Z", "2011-09-18T14:33:24.000Z", 101.0, 48.813816, -125.276289),
    _d("JASCOAMAR2062", "FGPD", "2011-09-18T16:46:59.000Z", "2012-09-13T14:28:35.000Z", 102.0, 48.81381, -125.276235),
    _d("JASCOAMAR2065", "FGPD", "2012-09-13T17:07:59.000Z", "2013-05-30T14:34:29.000Z", 105.0, 48.813854, -125.274604),
    _d("JASCOAMAR2062", "FGPD", "2013-05-30T17:12:18.000Z", "2014-05-13T14:33:58.000Z", 100.0, 48.813835, -125.276425),
    _d("JASCOAMAR2065", "FGPD", "2014-05-13T16:57:42.000Z", "2015-09-11T14:34:09.000Z", 100.0, 48.813788, -125.276023),
    _d("JASCOAMAR2062", "FGPD", "2015-09-11T16:42:46.000Z", "2016-06-29T14:32:48.000Z", 102.0, 48.813851, -125.276378),
    _d("JASCOAMAR2065", "FGPD", "2016-06-29T16:41:52.000Z", "2017-06-20T14:32:19.000Z", 100.0, 48.813819, -125.2762),
    _d("JASCOAMAR2062", "FGPD", "2017-06-20T16:35:17.000Z", "2018-05-25T14:14:29.000Z", 101.0, 48.813834, -125.276375),
    _d("JASCOAMAR2065", "FGPD", "2018-05-25T16:16:30.000Z", "2019-06-12T14:16:02.000Z", 100.0, 48.813796, -125.276039),
    _d("JASCOAMAR2062", "FGPD", "2019-06-12T16:20:36.000Z", "2020-09-28T14:16:11.000Z", 102.0, 48.813854, -125.276212),
    _d("JASCOAMAR2065", "FGPD", "2020-09-28T16:21:19.000Z", None, 101.0, 48.813783, -125.276119),
    # FGPD ADCP600KHZ
    _d("RDIADCP600WH8456", "FGPD", "2009-09-24T17:20:18.000Z", "2010-09-15T15:06:13.000Z", 94.0, 48.813719, -125.280741, 305.6, 1.0, -2.7),
    _d("RDIADCP600WH8457", "FGPD", "2010-09-15T17:21:55.000Z", "2011-09-18T15:05:04.000Z", 96.0, 48.813752, -125.280523, 299.4, -0.1, 2.8),
    _d("RDIADCP600WH8456", "FGPD", "2011-09-18T17:05:41.000Z", "2012-09-13T15:10:16.000Z", 94.0, 48.813693, -125.280521, 305.6, 0.9, 1.2),
    _d("RDIADCP600WH8457", "FGPD", "2012-09-13T17:22:07.000Z", "2013-05-30T14:52:07.000Z", 94.0, 48.81373, -125.280391, 298.7, 1.9, 1.9),
    _d("RDIADCP600WH8456", "FGPD", "2013-05-30T17:06:17.000Z", "2014-05-13T14:53:37.000Z", 95.0, 48.813836, -125.280754, 293.9, -1.8, -2.8),
    _d("RDIADCP600WH8457", "FGPD", "2014-05-13T17:14:03.000Z", "2015-09-11T15:09:16.000Z", 96.0, 48.814029, -125.28044, 302.3, 0.0, 0.5),
    _d("RDIADCP600WH8456", "FGPD", "2015-09-11T17:27:06.000Z", "2016-06-29T15:04:09.000Z", 96.0, 48.813843, -125.280833, 305.2, 1.9, 1.3),
    _d("RDIADCP600WH8457", "FGPD", "2016-06-29T17:09:09.000Z", "2017-06-20T15:01:48.000Z", 94.0, 48.813734, -125.280651, 306.8, 0.2, -2.8),
    _d("RDIADCP600WH8456", "FGPD", "2017-06-20T17:17:54.000Z", "2018-05-25T15:04:28.000Z", 96.0, 48.81377, -125.280583, 303.2, -0.9, -1.6),
    _d("RDIADCP600WH8457", "FGPD", "2018-05-25T17:47:20.000Z", "2019-06-12T15:00:34.000Z", 96.0, 48.813761, -125.280542, 291.8, -1.7, 2.7),
    _d("RDIADCP600WH8456", "FGPD", "2019-06-12T17:26:22.000Z", "2020-09-28T15:12:03.000Z", 95.0, 48.813772, -125.280832, 295.7, -2.8, -2.0),
    _d("RDIADCP600WH8457", "FGPD", "2020-09-28T17:53:42.000Z", None, 94.0, 48.813731, -125.280819, 302.4, -0.9, -1.4),
    # FGPD VIDEOCAM
    _d("SUBCIPCAM1002", "FGPD", "2012-09-13T18:19:49.000Z", "2013-05-30T15:51:57.000Z", 96.0, 48.813795, -125.2803, 80.5, -0.2, 2.1),
    # FGPD FLNTU
    _d("WETLABSFLNTU3303", "FGPD", "2016-06-29T19:06:11.000Z", "2017-06-20T16:28:57.000Z", 97.0, 48.81377, -125.280476),
    # NCBC BPR
    _d("BPR-Folger-59", "NCBC", "2007-01-01T00:00:00.000Z", None, 99.0, 48.815681, -125.279634),
    # FGPPN ADCP150KHZ
    _d("RDIADCP150WH10519", "FGPPN", "2009-09-24T19:00:06.000Z", "2012-09-13T16:56:32.000Z", 22.0, 48.814805, -125.281146, 7.9, -1.5, 2.5),
    _d("RDIADCP150WH10520", "FGPPN", "2012-09-13T19:20:01.000Z", "2015-09-11T16:47:07.000Z", 23.0, 48.814807, -125.281176, 19.6, 0.1, -1.7),
    _d("RDIADCP150WH10519", "FGPPN", "2015-09-11T19:23:17.000Z", "2018-05-25T17:04:05.000Z", 22.0, 48.81481, -125.281132, 1.2, -1.6, 2.0),
    _d("RDIADCP150WH10520", "FGPPN", "2018-05-25T19:46:31.000Z", None, 23.0, 48.814857, -125.281089, 2.8, 2.8, -0.4),
    # FGPPN CTD
    _d("SBECTD16p5127", "FGPPN", "2009-09-24T20:02:36.000Z", "2012-09-13T17:19:38.000Z", 23.0, 48.814793, -125.28121),
    _d("SBECTD16p5128", "FGPPN", "2012-09-13T19:25:54.000Z", "2015-09-11T17:26:46.000Z", 22.0, 48.81482, -125.281234),
    _d("SBECTD16p5127", "FGPPN", "2015-09-11T19:56:13.000Z", "2018-05-25T17:31:23.000Z", 23.0, 48.814892, -125.281138),
    _d("SBECTD16p5128", "FGPPN", "2018-05-25T19:43:10.000Z", None, 23.0, 48.814896, -125.281236),
    # NC89 BPR
    _d("BPR_889", "NC89", "2009-09-06T15:05:58.000Z", "2022-08-04T19:16:37.000Z", 1258.0, 48.670592, -126.848036),
    _d("RBRQUARTZ3BPR203659", "NC89", "2022-08-04T23:38:03.000Z", None, 1257.0, 48.670603, -126.848049),
    # NC89 CTD
    _d("SBECTD16p4914", "NC89", "2009-09-06T16:27:55.000Z", "2010-09-28T13:54:51.000Z", 1253.0, 48.669268, -126.849644),
    _d("SBECTD16p5045", "NC89", "2010-09-28T16:10:58.000Z", "2011-09-14T13:40:29.000Z", 1259.0, 48.670749, -126.847532),
    _d("SBECTD16p4914", "NC89", "2011-09-14T15:41:30.000Z", "2013-05-21T13:58:51.000Z", 1256.0, 48.669989, -126.849515),
    _d("SBECTD16p5045", "NC89", "2013-05-21T16:38:51.000Z", "2015-06-02T13:37:40.000Z", 1257.0, 48.670746, -126.850263),
    _d("SBECTD16p4914", "NC89", "2015-06-02T15:55:16.000Z", "2016-06-15T13:38:54.000Z", 1257.0, 48.669818, -126.847777),
    _d("SBECTD19p6981", "NC89", "2016-06-15T16:09:33.000Z", "2018-05-29T14:00:55.000Z", 1255.0, 48.66935, -126.847741),
    _d("SBECTD16p5045", "NC89", "2018-05-29T16:12:55.000Z", "2019-06-08T13:51:58.000Z", 1256.0, 48.670711, -126.849497),
    _d("SBECTD19p7096", "NC89", "2019-06-08T16:20:50.000Z", None, 1257.0, 48.670832, -126.849),
    # NC89 OXYSENSOR
    _d("AANDOPTODE0955", "NC89", "2009-09-06T16:34:46.000Z", "2011-09-14T14:16:37.000Z", 1256.0, 48.670303, -126.851389),
    _d("AANDOPTODE0961", "NC89", "2011-09-14T16:19:26.000Z", "2013-05-21T14:36:32.000Z", 1255.0, 48.669926, -126.848551),
    _d("AANDOPTODE0955", "NC89", "2013-05-21T16:58:13.000Z", "2016-06-15T14:33:16.000Z", 1255.0, 48.671024, -126.85184),
    _d("AANDOPTODE0961", "NC89", "2016-06-15T17:13:28.000Z", "2018-05-29T14:32:18.000Z", 1258.0, 48.66941, -126.851539),
    _d("AANDOPTODE0955", "NC89", "2018-05-29T17:11:21.000Z", "2021-06-17T14:35:36.000Z", 1259.0, 48.669592, -126.850938),
    _d("AANDOPTODE0961", "NC89", "2021-06-17T16:47:09.000Z", None, 1255.0, 48.669517, -126.848221),
    # NC89 ADCP55KHZ
    _d("NORTEKSIG55KHZ100153", "NC89", "2016-06-15T17:01:59.000Z", "2019-06-08T15:05:20.000Z", 1256.0, 48.669594, -126.849209, 352.4, -2.6, 2.4),
    _d("NORTEKSIG55KHZ100162", "NC89", "2019-06-08T17:20:11.000Z", "2022-08-04T15:04:21.000Z", 1255.0, 48.670001, -126.850289, 9.6, -2.6, -2.8),
    _d("NORTEKSIG55KHZ100153", "NC89", "2022-08-04T17:38:12.000Z", None, 1257.0, 48.670518, -126.851048, 355.9, 2.4, -0.5),
    # NC89 ADCP75KHZ
    _d("RDIADCP75WH13021", "NC89", "2009-09-06T18:02:50.000Z", "2012-09-20T15:38:10.000Z", 1258.0, 48.670535, -126.848439, 180.8, 2.4, 2.5),
    _d("RDIADCP75WH13024", "NC89", "2012-09-20T17:48:36.000Z", "2016-06-15T15:46:58.000Z", 1255.0, 48.670744, -126.848032, 182.1, -0.7, -2.9),
    _d("RDIADCP75WH13021", "NC89", "2016-06-15T18:22:28.000Z", "2019-06-08T15:49:06.000Z", 1258.0, 48.67039, -126.84795, 185.0, -0.5, -2.7),
    # NC89 ADCP2MHZ
    _d("NORTEKAQDPRO6120", "NC89", "2010-09-28T18:22:00.000Z", "2014-05-15T16:11:42.000Z", 1257.0, 48.669746, -126.850641, 59.8, 0.7, -0.3),
    _d("NORTEKAQDPRO6133", "NC89", "2014-05-15T18:20:15.000Z", "2017-06-06T16:26:16.000Z", 1258.0, 48.669759, -126.848676, 69.6, -1.3, -1.7),
    # NC89 HYDROPHONE
    _d("NAXYS_HYD_011", "NC89", "2009-09-06T19:12:43.000Z", "2012-09-20T16:42:37.000Z", 1258.0, 48.670429, -126.849985),
    _d("ICLISTENHF1353", "NC89", "2012-09-20T18:53:06.000Z", "2017-06-06T17:03:55.000Z", 1258.0, 48.669515, -126.849275),
    _d("ICLISTENHF1366", "NC89", "2017-06-06T19:40:03.000Z", None, 1256.0, 48.669861, -126.849713),
    # NC89 SEISMOMETER
    _d("GURALPCMG1TT1T45", "NC89", "2009-09-06T19:44:47.000Z", "2015-06-02T17:28:09.000Z", 1260.0, 48.669876, -126.847007),
    _d("GURALPCMG1TT1T52", "NC89", "2015-06-02T20:10:38.000Z", None, 1256.0, 48.670832, -126.850881),
    # NC89 VIDEOCAM
    _d("SUBCIPCAM1005", "NC89", "2010-09-28T20:33:53.000Z", "2013-05-21T18:08:01.000Z", 1259.0, 48.670464, -126.849077, 225.0, -1.1, -1.4),
    _d("SUBCIPCAM1011", "NC89", "2013-05-21T20:22:00.000Z", "2018-05-29T18:06:07.000Z", 1256.0, 48.670353, -126.849831, 227.6, 0.7, -0.3),
    _d("SUBCIPCAM1005", "NC89", "2018-05-29T20:28:11.000Z", "2023-06-13T17:59:35.000Z", 1256.0, 48.669756, -126.849455, 231.3, -0.6, 2.0),
    # NC89 CAMLIGHTS
    _d("DSPLSEALITE1105", "NC89", "2010-09-28T20:59:57.000Z", "2013-05-21T18:38:15.000Z", 1259.0, 48.670464, -126.849077),
    _d("DSPLSEALITE1122", "NC89", "2013-05-21T20:47:28.000Z", "2018-05-29T18:47:53.000Z", 1256.0, 48.670353, -126.849831),
    # NC89 CURRENTMETER
    _d("NORTEKAQDCM9214", "NC89", "2011-09-14T21:20:43.000Z", "2014-05-15T19:21:36.000Z", 1258.0, 48.669894, -126.850832),
    # NC89 TILTMETER
    _d("JEWELLTILT1233", "NC89", "2012-09-20T22:24:26.000Z", "2020-09-22T20:09:11.000Z", 1255.0, 48.669392, -126.847308),
    # NC89 TURBIDITYMETER
    _d("WETLABSNTU3221", "NC89", "2014-05-15T23:00:44.000Z", "2017-06-06T20:32:49.000Z", 1256.0, 48.670702, -126.851404),
    _d("WETLABSNTU3228", "NC89", "2017-06-06T23:09:07.000Z", "2021-06-17T20:27:24.000Z", 1255.0, 48.670776, -126.848192),
    # NC27 CTD
    _d("SBECTD16p4952", "NC27", "2009-09-09T15:45:23.000Z", "2012-09-24T13:00:41.000Z", 2660.0, 47.764493, -127.759478),
    _d("SBECTD16p4953", "NC27", "2012-09-24T15:05:21.000Z", "2016-06-19T13:20:19.000Z", 2661.0, 47.764488, -127.759513),
    _d("SBECTD16p4952", "NC27", "2016-06-19T15:30:23.000Z", None, 2660.0, 47.764515, -127.759512),
    # NC27 BPR
    _d("BPR_1027", "NC27", "2009-09-09T16:38:16.000Z", "2018-06-07T13:49:27.000Z", 2661.0, 47.764478, -127.759692),
    # NC26 SEISMOMETER
    _d("GURALPCMG1TT1T61", "NC26", "2010-09-30T15:22:15.000Z", "2016-06-19T13:20:19.000Z", 2658.0, 47.762739, -127.756674),
    _d("GURALPCMG1TT1T61", "NC26", "2016-06-19T15:30:23.000Z", None, 2657.0, 47.762758, -127.756651),
    # KEMF CTD
    _d("SBECTD16p5201", "KEMF", "2011-10-02T15:40:11.000Z", "2014-09-18T13:19:58.000Z", 2195.0, 47.949282, -129.098436),
    _d("SBECTD16p5208", "KEMF", "2014-09-18T15:29:45.000Z", "2018-07-11T13:11:41.000Z", 2195.0, 47.949296, -129.098523),
    _d("SBECTD16p5201", "KEMF", "2018-07-11T15:14:20.000Z", "2022-07-29T13:16:34.000Z", 2195.0, 47.949359, -129.098542),
    _d("SBECTD16p5208", "KEMF", "2022-07-29T15:46:38.000Z", None, 2193.0, 47.949303, -129.0985),
    # KEMF HYDROPHONE
    _d("ICLISTENHF1389", "KEMF", "2014-09-18T16:01:03.000Z", "2018-07-11T13:53:59.000Z", 2195.0, 47.949366, -129.098511),
    _d("ICLISTENHF1389", "KEMF", "2018-07-11T16:31:09.000Z", None, 2194.0, 47.94937, -129.098527),
    # KEMO SEISMOMETER
    _d("GURALPCMG1TT1T70", "KEMO", "2011-10-03T15:37:02.000Z", "2018-07-12T13:09:57.000Z", 2259.0, 47.923674, -129.107647),
    _d("GURALPCMG1TT1T70", "KEMO", "2018-07-12T15:14:37.000Z", None, 2259.0, 47.923659, -129.107622),
    # ENHR CTD
    _d("SBECTD16p5215", "ENHR", "2011-10-04T15:15:13.000Z", "2016-09-01T13:16:47.000Z", 2154.0, 47.966414, -129.089093),
    _d("SBECTD16p5216", "ENHR", "2016-09-01T15:43:49.000Z", "2022-07-30T13:16:08.000Z", 2154.0, 47.966432, -129.089076),
    _d("SBECTD16p5215", "ENHR", "2022-07-30T15:25:54.000Z", None, 2154.0, 47.966371, -129.089022),
    # SEVIP CTD
    _d("SBECTD19p3581", "SEVIP", "2008-02-27T15:21:40.000Z", "2010-04-13T13:22:12.000Z", 170.0, 49.042234, -123.316262),
    _d("SBECTD19p4686", "SEVIP", "2010-04-13T15:57:48.000Z", "2012-04-17T13:00:29.000Z", 170.0, 49.042314, -123.316275),
    _d("SBECTD19p3581", "SEVIP", "2012-04-17T15:34:11.000Z", "2014-04-08T13:04:13.000Z", 169.0, 49.042257, -123.316286),
    _d("SBECTD19p5026", "SEVIP", "2014-04-08T15:46:48.000Z", "2016-04-19T13:22:30.000Z", 170.0, 49.042236, -123.316232),
    _d("SBECTD19p4686", "SEVIP", "2016-04-19T15:49:07.000Z", "2018-04-24T13:01:38.000Z", 169.0, 49.042239, -123.3163),
    _d("SBECTD19p5026", "SEVIP", "2018-04-24T15:40:10.000Z", "2020-10-06T13:13:39.000Z", 171.0, 49.042298, -123.316192),
    _d("SBECTD19p4686", "SEVIP", "2020-10-06T15:28:02.000Z", "2022-10-18T13:06:56.000Z", 170.0, 49.042318, -123.316258),
    _d("SBECTD19p5026", "SEVIP", "2022-10-18T15:24:36.000Z", None, 170.0, 49.042329, -123.316321),
    # SEVIP HYDROPHONE
    _d("ICLISTENHF1241", "SEVIP", "2012-04-17T16:03:38.000Z", "2016-04-19T14:01:52.000Z", 170.0, 49.042327, -123.316227),
    _d("ICLISTENHF1560", "SEVIP", "2016-04-19T16:18:33.000Z", "2018-04-24T13:47:10.000Z", 169.0, 49.042243, -123.316332),
    _d("ICLISTENHF1560", "SEVIP", "2018-04-24T16:07:46.000Z", "2020-10-06T13:44:05.000Z", 169.0, 49.042245, -123.316207),
    _d("ICLISTENHF1241", "SEVIP", "2020-10-06T16:23:56.000Z", None, 170.0, 49.04228, -123.316322),
    # SEVIP OXYSENSOR
    _d("AANDOPTODE0711", "SEVIP", "2008-02-27T16:57:28.000Z", "2010-04-13T14:33:33.000Z", 171.0, 49.042271, -123.316305),
    _d("AANDOPTODE0715", "SEVIP", "2010-04-13T17:13:54.000Z", "2012-04-17T14:18:15.000Z", 169.0, 49.042292, -123.31628),
    _d("AANDOPTODE0711", "SEVIP", "2012-04-17T16:22:23.000Z", "2014-04-08T14:33:02.000Z", 171.0, 49.042318, -123.316235),
    _d("AANDOPTODE0715", "SEVIP", "2014-04-08T17:08:48.000Z", "2016-04-19T14:17:04.000Z", 170.0, 49.042245, -123.316265),
    _d("AANDOPTODE0711", "SEVIP", "2016-04-19T16:42:26.000Z", "2018-04-24T14:31:16.000Z", 169.0, 49.042325, -123.316297),
    _d("AANDOPTODE0715", "SEVIP", "2018-04-24T17:02:16.000Z", "2020-10-06T14:34:24.000Z", 169.0, 49.042254, -123.316303),
    _d("AANDOPTODE0711", "SEVIP", "2020-10-06T17:00:12.000Z", "2022-10-18T14:35:58.000Z", 170.0, 49.042306, -123.316222),
    _d("AANDOPTODE0715", "SEVIP", "2022-10-18T17:17:55.000Z", None, 170.0, 49.042332, -123.316208),
    # SCVIP CTD
    _d("SBECTD19p4525", "SCVIP", "2008-02-26T15:26:13.000Z", "2010-04-12T13:14:29.000Z", 297.0, 49.040119, -123.425871),
    _d("SBECTD19p4628", "SCVIP", "2010-04-12T15:27:48.000Z", "2012-04-16T13:22:33.000Z", 298.0, 49.040024, -123.425811),
    _d("SBECTD19p4525", "SCVIP", "2012-04-16T15:44:45.000Z", "2014-04-07T13:03:31.000Z", 298.0, 49.040099, -123.425862),
    _d("SBECTD19p4628", "SCVIP", "2014-04-07T15:08:02.000Z", "2016-04-18T13:11:52.000Z", 297.0, 49.04008, -123.425751),
    _d("SBECTD19p4525", "SCVIP", "2016-04-18T15:36:24.000Z", "2018-04-23T13:14:54.000Z", 297.0, 49.040009, -123.425818),
    _d("SBECTD19p4628", "SCVIP", "2018-04-23T15:17:40.000Z", "2020-10-05T13:22:12.000Z", 296.0, 49.040065, -123.425817),
    _d("SBECTD19p4525", "SCVIP", "2020-10-05T16:05:13.000Z", "2022-10-17T13:06:44.000Z", 298.0, 49.040008, -123.425844),
    _d("SBECTD19p4628", "SCVIP", "2022-10-17T15:38:40.000Z", None, 298.0, 49.040091, -123.425805),
    # SCVIP HYDROPHONE
    _d("ICLISTENHF1252", "SCVIP", "2012-04-16T15:58:23.000Z", "2016-04-18T13:59:01.000Z", 297.0, 49.040062, -123.425872),
    _d("ICLISTENHF1318", "SCVIP", "2016-04-18T16:43:06.000Z", "2020-10-05T13:42:30.000Z", 297.0, 49.040109, -123.425894),
    _d("ICLISTENHF1252", "SCVIP", "2020-10-05T16:12:37.000Z", None, 298.0, 49.040059, -123.425796),
    # DDL CTD
    _d("SBECTD16p5133", "DDL", "2010-04-14T15:23:59.000Z", "2013-04-09T13:01:03.000Z", 145.0, 49.080447, -123.339624),
    _d("SBECTD16p5134", "DDL", "2013-04-09T15:11:03.000Z", "2016-04-20T13:02:14.000Z", 144.0, 49.080389, -123.339761),
    _d("SBECTD16p5133", "DDL", "2016-04-20T15:14:04.000Z", "2019-10-01T13:11:05.000Z", 145.0, 49.080374, -123.339618),
    _d("SBECTD16p5134", "DDL", "2019-10-01T15:34:14.000Z", None, 145.0, 49.080489, -123.33971),
    # DDL ADCP1200KHZ
    _d("RDIADCP1200WH3316", "DDL", "2010-04-14T15:50:15.000Z", "2013-04-09T13:57:51.000Z", 144.0, 49.080474, -123.339616, 140.4, -2.7, 1.6),
    _d("RDIADCP1200WH3317", "DDL", "2013-04-09T16:03:32.000Z", "2016-04-20T13:56:06.000Z", 145.0, 49.080419, -123.339763, 154.8, -1.1, -0.5),
    _d("RDIADCP1200WH3316", "DDL", "2016-04-20T16:29:39.000Z", "2019-10-01T13:44:05.000Z", 145.0, 49.080439, -123.339635, 156.7, -2.6, 2.9),
    _d("RDIADCP1200WH3317", "DDL", "2019-10-01T16:10:36.000Z", None, 145.0, 49.080471, -123.33969, 141.0, -1.1, 1.6),
    # SIIP CTD
    _d("SBECTD16p0119", "SIIP", "2006-02-23T15:31:18.000Z", "2008-03-05T13:03:40.000Z", 97.0, 48.650811, -123.48577),
    _d("SBECTD16p0124", "SIIP", "2008-03-05T15:48:15.000Z", "2010-03-24T13:19:50.000Z", 97.0, 48.650847, -123.48589),
    _d("SBECTD16p0119", "SIIP", "2010-03-24T15:40:05.000Z", "2012-03-27T13:16:26.000Z", 97.0, 48.650872, -123.485854),
    _d("SBECTD16p0124", "SIIP", "2012-03-27T15:23:12.000Z", "2014-03-18T13:15:36.000Z", 97.0, 48.650889, -123.485839),
    _d("SBECTD16p0119", "SIIP", "2014-03-18T15:20:19.000Z", "2016-03-15T13:03:34.000Z", 97.0, 48.650835, -123.485842),
    _d("SBECTD16p0124", "SIIP", "2016-03-15T15:08:27.000Z", "2018-03-20T13:13:29.000Z", 97.0, 48.650816, -123.485869),
    _d("SBECTD16p0119", "SIIP", "2018-03-20T15:33:28.000Z", "2020-09-15T13:21:30.000Z", 98.0, 48.650814, -123.485914),
    _d("SBECTD16p0124", "SIIP", "2020-09-15T16:03:31.000Z", "2022-09-20T13:19:30.000Z", 96.0, 48.6508, -123.48585),
    _d("SBECTD16p0119", "SIIP", "2022-09-20T15:25:46.000Z", None, 97.0, 48.650862, -123.485823),
    # BIIP CTD
    _d("SBECTD19p7247", "BIIP", "2015-04-22T15:27:56.000Z", "2017-05-03T13:23:41.000Z", 22.0, 49.28926, -123.078686),
    _d("SBECTD19p7251", "BIIP", "2017-05-03T16:07:44.000Z", "2019-05-14T13:02:55.000Z", 22.0, 49.289259, -123.078575),
    _d("SBECTD19p7247", "BIIP", "2019-05-14T15:33:39.000Z", "2021-05-18T13:03:31.000Z", 22.0, 49.289162, -123.078706),
    _d("SBECTD19p7251", "BIIP", "2021-05-18T15:22:53.000Z", None, 21.0, 49.289235, -123.078681),
    # BISS METSTN
    _d("AIRMAR200WX60012", "BISS", "2015-04-21T15:42:42.000Z", None, 0.0, 49.288188, -123.077244),
    # CRIP.C1 CTD
    _d("RBRCONCERTO3CTD66045", "CRIP.C1", "2018-05-10T15:15:09.000Z", "2019-05-23T13:23:34.000Z", 8.0, 50.042175, -125.246143),
    _d("RBRCONCERTO3CTD66047", "CRIP.C1", "2019-05-23T15:38:55.000Z", "2020-11-04T13:03:45.000Z", 7.0, 50.04219, -125.24625),
    _d("RBRCONCERTO3CTD66045", "CRIP.C1", "2020-11-04T15:08:50.000Z", "2022-06-15T13:05:21.000Z", 8.0, 50.042139, -125.246148),
    _d("RBRCONCERTO3CTD66047", "CRIP.C1", "2022-06-15T15:20:06.000Z", None, 8.0, 50.042118, -125.246213),
    # RISS VIDEOCAM
    _d("AXISQ6044PTZACCC8E334C53", "RISS", "2016-06-08T15:29:25.000Z", "2019-09-12T13:13:58.000Z", 0.0, 54.227666, -130.330567, 192.7, 1.0, 0.9),
    _d("AXISQ6044PTZACCC8E334C53", "RISS", "2019-09-12T15:53:13.000Z", None, 0.0, 54.22758, -130.330507, 207.1, -1.3, 2.3),
    # DIIP ADCP600KHZ
    _d("RDIADCP600WH25470", "DIIP", "2015-10-06T15:55:55.000Z", "2017-09-19T13:16:29.000Z", 31.0, 54.295229, -130.415636, 326.5, -1.5, 2.4),
    _d("RDIADCP600WH25469", "DIIP", "2017-09-19T15:24:39.000Z", "2019-05-29T13:02:52.000Z", 31.0, 54.29529, -130.415607, 339.3, -0.2, -1.4),
    _d("RDIADCP600WH25471", "DIIP", "2019-05-29T15:19:54.000Z", "2021-09-14T13:04:52.000Z", 31.0, 54.29519, -130.415586, 326.7, -1.8, 2.0),
    _d("RDIADCP600WH25470", "DIIP", "2021-09-14T15:39:30.000Z", None, 29.0, 54.295293, -130.415639, 323.0, -1.4, -0.4),
    # DIIP CTD
    _d("SBECTD16p7312", "DIIP", "2015-10-06T16:23:41.000Z", "2017-09-19T13:51:20.000Z", 31.0, 54.295275, -130.41561),
    _d("SBECTD16p7318", "DIIP", "2017-09-19T16:17:25.000Z", "2019-05-29T13:57:47.000Z", 30.0, 54.295294, -130.415585),
    _d("SBECTD16p7312", "DIIP", "2019-05-29T16:41:07.000Z", "2021-09-14T13:42:25.000Z", 30.0, 54.295283, -130.415552),
    _d("SBECTD16p7318", "DIIP", "2021-09-14T15:46:40.000Z", None, 30.0, 54.295245, -130.415654),
    # DIIP HYDROPHONE
    _d("ICLISTENHF1423", "DIIP", "2015-10-06T16:32:35.000Z", "2019-05-29T14:24:16.000Z", 30.0, 54.295282, -130.415549),
    _d("ICLISTENHF1424", "DIIP", "2019-05-29T16:42:55.000Z", None, 30.0, 54.295257, -130.415675),
    # KVIP CTD
    _d("AMLMETRECX50341", "KVIP", "2016-09-28T15:51:20.000Z", "2018-10-03T13:24:30.000Z", 17.0, 53.971847, -128.650444),
    _d("AMLMETRECX50348", "KVIP", "2018-10-03T15:40:55.000Z", "2020-10-21T13:21:44.000Z", 16.0, 53.971846, -128.650461),
    _d("AMLMETRECX50341", "KVIP", "2020-10-21T15:56:24.000Z", None, 17.0, 53.971836, -128.650411),
    # CBYIP CTD
    _d("SBECTD16p7101", "CBYIP", "2012-09-24T15:05:21.000Z", "2013-09-10T13:23:12.000Z", 7.0, 69.113571, -105.059741),
    _d("SBECTD16p7149", "CBYIP", "2013-09-10T15:35:18.000Z", "2014-09-16T13:02:22.000Z", 7.0, 69.113556, -105.059641),
    _d("SBECTD16p7101", "CBYIP", "2014-09-16T15:40:52.000Z", "2015-09-08T13:22:05.000Z", 7.0, 69.113512, -105.059735),
    _d("SBECTD16p7149", "CBYIP", "2015-09-08T15:29:39.000Z", "2016-09-20T13:15:10.000Z", 7.0, 69.113522, -105.059743),
    _d("SBECTD16p7101", "CBYIP", "2016-09-20T15:34:07.000Z", "2017-09-26T13:01:27.000Z", 7.0, 69.113585, -105.059714),
    _d("SBECTD16p7149", "CBYIP", "2017-09-26T15:11:42.000Z", "2018-09-18T13:22:28.000Z", 7.0, 69.113603, -105.059628),
    _d("SBECTD16p7101", "CBYIP", "2018-09-18T15:33:58.000Z", "2019-09-10T13:15:16.000Z", 7.0, 69.113564, -105.059736),
    _d("SBECTD16p7149", "CBYIP", "2019-09-10T15:31:44.000Z", "2021-09-14T13:04:52.000Z", 7.0, 69.113498, -105.059736),
    _d("SBECTD16p7101", "CBYIP", "2021-09-14T15:39:30.000Z", "2023-09-12T13:02:41.000Z", 7.0, 69.113553, -105.059746),
    _d("SBECTD16p7149", "CBYIP", "2023-09-12T15:39:17.000Z", None, 7.0, 69.113548, -105.059659),
    # CBYIP VIDEOCAM
    _d("AXISP1346ACCC8E1F3A20", "CBYIP", "2014-09-16T16:05:58.000Z", "2018-09-18T13:38:05.000Z", 7.0, 69.113576, -105.059739, 21.7, 1.2, -2.0),
    _d("AXISP1346ACCC8E1F3A21", "CBYIP", "2018-09-18T16:19:46.000Z", None, 7.0, 69.113528, -105.059734, 22.1, -2.7, -1.4),
    # CBYIP ICEPROFILER
    _d("ASLIPS51088", "CBYIP", "2012-09-24T16:57:14.000Z", "2014-09-16T14:18:40.000Z", 7.0, 69.113493, -105.059603),
    _d("ASLIPS51091", "CBYIP", "2014-09-16T16:31:07.000Z", "2016-09-20T14:28:27.000Z", 7.0, 69.113511, -105.059599),
    _d("ASLIPS51088", "CBYIP", "2016-09-20T16:35:34.000Z", "2018-09-18T14:26:53.000Z", 7.0, 69.113585, -105.059591),
    _d("ASLIPS51091", "CBYIP", "2018-09-18T16:28:19.000Z", "2021-09-14T14:20:57.000Z", 7.0, 69.113502, -105.059728),
    _d("ASLIPS51088", "CBYIP", "2021-09-14T17:02:25.000Z", None, 7.0, 69.11357, -105.059662),
    # CBYIP HYDROPHONE
    _d("ICLISTENAF2523", "CBYIP", "2013-09-10T17:21:34.000Z", "2019-09-10T14:52:04.000Z", 7.0, 69.113557, -105.059606),
    _d("ICLISTENAF2641", "CBYIP", "2019-09-10T17:27:49.000Z", None, 7.0, 69.113592, -105.059679),
    # CBYIP OXYSENSOR
    _d("AANDOPTODE1311", "CBYIP", "2015-09-08T18:12:07.000Z", "2017-09-26T15:42:43.000Z", 7.0, 69.113544, -105.059611),
    _d("AANDOPTODE1312", "CBYIP", "2017-09-26T18:22:34.000Z", "2019-09-10T15:31:29.000Z", 7.0, 69.113548, -105.059658),
    _d("AANDOPTODE1311", "CBYIP", "2019-09-10T17:51:49.000Z", "2021-09-14T15:31:36.000Z", 7.0, 69.11354, -105.059707),
    _d("AANDOPTODE1312", "CBYIP", "2021-09-14T17:42:39.000Z", None, 7.0, 69.113556, -105.059741),
    # CBYSS METSTN
    _d("AIRMAR200WX60007", "CBYSS", "2012-09-24T15:05:21.000Z", None, 0.0, 69.114338, -105.061362),
    # CBYIB ICEBUOY
    _d("SAMSSIMBA0105", "CBYIB", "2018-11-20T15:39:37.000Z", "2019-06-04T13:18:32.000Z", 0.0, 69.108346, -105.04764),
    _d("SAMSSIMBA0107", "CBYIB", "2019-11-19T15:50:17.000Z", "2020-06-09T13:09:56.000Z", 0.0, 69.108495, -105.047664),
    _d("SAMSSIMBA0105", "CBYIB", "2020-11-17T15:34:17.000Z", "2021-06-08T13:23:34.000Z", 0.0, 69.108402, -105.047012),
    # HRIP CTD
    _d("RBRCONCERTO3CTD66101", "HRIP", "2018-08-14T15:32:57.000Z", "2020-08-19T13:03:35.000Z", 19.0, 47.389944, -53.133236),
    _d("RBRCONCERTO3CTD66102", "HRIP", "2020-08-19T15:46:43.000Z", "2022-08-16T13:22:10.000Z", 20.0, 47.389891, -53.133119),
    _d("RBRCONCERTO3CTD66101", "HRIP", "2022-08-16T15:35:46.000Z", None, 20.0, 47.389973, -53.133224),
    # TWSB TSG
    _d("SBETSG45p0451", "TWSB", "2012-05-15T15:17:14.000Z", "2015-06-02T13:10:31.000Z", 3.0, 48.89663, -123.341143),
    _d("SBETSG45p0457", "TWSB", "2015-06-02T15:27:22.000Z", "2018-05-22T13:02:32.000Z", 3.0, 48.896628, -123.341149),
    _d("SBETSG45p0451", "TWSB", "2018-05-22T15:31:20.000Z", None, 3.0, 48.896653, -123.341207),
    # TWDP TSG
    _d("SBETSG45p0460", "TWDP", "2014-04-09T15:51:29.000Z", "2017-04-26T13:14:27.000Z", 3.0, 49.070124, -123.451596),
    _d("SBETSG45p0463", "TWDP", "2017-04-26T15:17:32.000Z", "2020-06-10T13:03:14.000Z", 3.0, 49.070085, -123.45156),
    _d("SBETSG45p0460", "TWDP", "2020-06-10T15:37:50.000Z", None, 3.0, 49.070121, -123.451647),
    # WALLY CTD
    _d("SBECTD16p5160", "WALLY", "2010-05-21T15:37:26.000Z", "2013-05-27T13:12:36.000Z", 869.0, 48.313054, -126.065377),
    _d("SBECTD16p5160", "WALLY", "2013-05-27T15:41:49.000Z", "2016-07-10T13:06:37.000Z", 870.0, 48.312636, -126.065659),
    # WALLY VIDEOCAM
    _d("WALLYCAM01", "WALLY", "2010-05-21T16:37:51.000Z", "2013-05-27T13:55:41.000Z", 869.0, 48.312864, -126.065708),
    _d("WALLYCAM02", "WALLY", "2013-05-27T16:04:02.000Z", "2016-07-10T13:38:36.000Z", 870.0, 48.312655, -126.065493),
]
# fmt: on

# ---------------------------------------------------------------------------------------------------------------
# Data ratings: how often each device samples, from its first deployment on (files-only devices have none).

#: Ratings that do not start with the device's first deployment.
_RATING_STARTS = {"BPR_889": "2018-04-25T09:21:06.000Z"}


def _ratings() -> list[RatingSpec]:
    first: dict[str, int] = {}
    for dep in DEPLOYMENTS:
        first[dep.device] = min(first.get(dep.device, dep.begin), dep.begin)
    out = []
    for dev in DEVICES:
        if dev.sample_period is None:
            continue
        start = ms(_RATING_STARTS[dev.code]) if dev.code in _RATING_STARTS else first[dev.code]
        out.append(RatingSpec(dev.code, start, None, dev.sample_period))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Deployment citations: "Ocean Networks Canada Society. <year>. <Location> <Category> Deployed <date>. ..."

#: DOIs minted by ONC that the contract quotes; every other deployment gets a deterministic uuid5 DOI.
_DOI_OVERRIDES = {
    ("SBECTD16p6002", "BACAX", ms("2014-05-09T15:50:42.000Z")): "14d156f2-0146-40e5-a77e-f3637fb6b517"
}


def _cite(dep: DeploymentSpec, location_name: str, category_name: str) -> DeploymentSpec:
    key = (dep.device, dep.location, dep.begin)
    suffix = _DOI_OVERRIDES.get(key) or str(
        uuid.uuid5(DOI_NAMESPACE, f"{dep.device}/{dep.location}/{dep.begin}")
    )
    doi = DOI_PREFIX + suffix
    year = format_ms(dep.end if dep.end is not None else dep.begin)[:4]
    citation = (
        f"Ocean Networks Canada Society. {year}. {location_name} {category_name} Deployed"
        f" {format_ms(dep.begin)[:10]}. Ocean Networks Canada Society. https://doi.org/{doi}."
    )
    return replace(dep, doi=doi, citation=citation)


def _cited(deployments: list[DeploymentSpec]) -> list[DeploymentSpec]:
    location_names = {loc.code: loc.name for loc in LOCATIONS}
    category_names = {cat.code: cat.name for cat in DEVICE_CATEGORIES}
    device_category = {dev.code: dev.category for dev in DEVICES}
    return [
        _cite(d, location_names[d.location], category_names[device_category[d.device]]) for d in deployments
    ]


DEPLOYMENTS: list[DeploymentSpec] = _cited(_DEPLOYMENTS)
DATA_RATINGS: list[RatingSpec] = _ratings()


# ---------------------------------------------------------------------------------------------------------------
# Data product types: those of every catalog (pelagos.products.types), for the demo's devices.

PRODUCT_TYPES: list[ProductSpec] = product_types(
    DeviceTraits(d.category, bool(d.sensors), d.raw_format is not None) for d in DEVICES
)
