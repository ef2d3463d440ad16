"""Cells of the notebooks: hard sigmoids and ReLUs, training more ReLUs (exercise 2), more layers (exercise 3)."""

from notebooks.source.cells import code, md

HARD_SIGMOIDS = [
    md(
        """
        ## A more flexible function: a constant plus hard sigmoids, or ReLUs

        The red curve of the book's figure (flat, up, down, up, flat) is exactly a constant (its value
        where it starts) plus one blue hard sigmoid per piece. Each hard sigmoid is two ReLUs,
        c·max(0, b + w x₁): the rising ramp of one is cancelled past the second corner by the other.
        Sigmoids y = c·σ(b + w x₁) come close to hard sigmoids, so the curve is also nearly
        b + Σᵢ cᵢ σ(bᵢ + wᵢ x₁). Sigmoid and ReLU are both activation functions.
        """,
        """
        ## 更有灵活性的函数：常数加 hard sigmoid，或 ReLU

        书中图里的红色曲线（平、升、降、升、平）正好等于一个常数（它起点的值）加上每一段一个蓝色的 hard sigmoid。
        每个 hard sigmoid 是两个 ReLU c·max(0, b + w x₁)：过了第二个转折点，一个的上升被另一个抵消。
        sigmoid y = c·σ(b + w x₁) 很接近 hard sigmoid，所以这条曲线也近似等于 b + Σᵢ cᵢ σ(bᵢ + wᵢ x₁)。
        sigmoid 和 ReLU 都是激活函数。
        """,
    ),
    code(
        """
        from mathcore.activations import relu
        from mathcore.piecewise import curve_to_hard_sigmoids, hard_sigmoids_to_relus
        from mathcore.studies.sigmoid_sum import curve_to_sigmoids
        from scenes.red_curve import RED_CURVE, X_RANGE

        hard = curve_to_hard_sigmoids(RED_CURVE)   # constant + hard sigmoids
        relus = hard_sigmoids_to_relus(hard)       # two ReLUs for each hard sigmoid
        sigmoids = curve_to_sigmoids(RED_CURVE)    # the closest sigmoid for each hard sigmoid
        xs = np.linspace(X_RANGE[0], X_RANGE[1], 801)
        assert np.allclose(hard(xs), RED_CURVE(xs)) and np.allclose(relus(xs), RED_CURVE(xs))

        fig, panels = plt.subplots(1, 3, figsize=(13, 3.2), sharey=True)
        for panel, parts, name in zip(panels, (hard, relus, sigmoids), ("hard sigmoid", "ReLU", "sigmoid")):
            panel.plot(xs, RED_CURVE(xs), color="red", lw=5, alpha=0.4)
            panel.plot(xs, parts.terms(xs), color="tab:blue", lw=1.2)
            panel.axhline(RED_CURVE.y[0], color="grey", ls=":")
            panel.plot(xs, parts(xs), color="black", lw=1, ls="--")
            panel.set_title(f"{len(parts)} {name}s")
        plt.show()
        print(f"constant = {hard.constant:g}; {len(hard)} hard sigmoids = {len(relus)} ReLUs; "
              f"with sigmoids the largest gap is {np.max(np.abs(sigmoids(xs) - RED_CURVE(xs))):.3f}")
        for x in (13, 14, 15):  # the study note's example: max(0, x − 2) − max(0, x − 12)
            up, down = relu(x - 2.0), relu(x - 12.0)
            print(f"max(0, {x} − 2) − max(0, {x} − 12) = {up:g} − {down:g} = {up - down:g}")
        """,
        """
        from mathcore.activations import relu
        from mathcore.piecewise import curve_to_hard_sigmoids, hard_sigmoids_to_relus
        from mathcore.studies.sigmoid_sum import curve_to_sigmoids
        from scenes.red_curve import RED_CURVE, X_RANGE

        hard = curve_to_hard_sigmoids(RED_CURVE)   # 常数 + hard sigmoid
        relus = hard_sigmoids_to_relus(hard)       # 每个 hard sigmoid 两个 ReLU
        sigmoids = curve_to_sigmoids(RED_CURVE)    # 每个 hard sigmoid 换成最接近的 sigmoid
        xs = np.linspace(X_RANGE[0], X_RANGE[1], 801)
        assert np.allclose(hard(xs), RED_CURVE(xs)) and np.allclose(relus(xs), RED_CURVE(xs))

        fig, panels = plt.subplots(1, 3, figsize=(13, 3.2), sharey=True)
        for panel, parts, name in zip(panels, (hard, relus, sigmoids), ("个 hard sigmoid", "个 ReLU", "个 sigmoid")):
            panel.plot(xs, RED_CURVE(xs), color="red", lw=5, alpha=0.4)
            panel.plot(xs, parts.terms(xs), color="tab:blue", lw=1.2)
            panel.axhline(RED_CURVE.y[0], color="grey", ls=":")
            panel.plot(xs, parts(xs), color="black", lw=1, ls="--")
            panel.set_title(f"{len(parts)} {name}")
        plt.show()
        print(f"常数 = {hard.constant:g}；{len(hard)} 个 hard sigmoid = {len(relus)} 个 ReLU；"
              f"换成 sigmoid，最大的差距是 {np.max(np.abs(sigmoids(xs) - RED_CURVE(xs))):.3f}")
        for x in (13, 14, 15):  # 学习笔记里的例子: max(0, x − 2) − max(0, x − 12)
            up, down = relu(x - 2.0), relu(x - 12.0)
            print(f"max(0, {x} − 2) − max(0, {x} − 12) = {up:g} − {down:g} = {up - down:g}")
        """,
    ),
    md(
        """
        The scene ReluPairHardSigmoid, its last frame, rendered here by manim's `%%manim` cell magic at
        a small size (a few seconds; the first time also typesets its formulas with LaTeX).
        Drop `-s` to get the whole video instead.
        """,
        """
        场景 ReluPairHardSigmoid 的最后一帧，由 manim 的 `%%manim` 单元格魔法命令在这里以小尺寸渲染（几秒钟；
        第一次还要用 LaTeX 排版公式）。去掉 `-s` 就能得到整段视频。
        """,
    ),
    code(
        """
        import manim  # noqa: F401  (registers the %%manim cell magic)
        """
    ),
    code(
        """
        %%manim -ql -s -r 320,180 -v WARNING --progress_bar none ReluPairHardSigmoid
        from scenes.relu.relu_pair import ReluPairHardSigmoid
        """
    ),
]

RELU_TRAINING = [
    md(
        """
        ## Training a sum of ReLUs

        The scene ReluFitTraining: y = b + Σᵢ cᵢ max(0, bᵢ + wᵢ x₁) with 8 ReLUs, x₁ the hour of the
        day, trained by plain gradient descent (η = 0.1, 5000 full-batch epochs) on the MSE. The loss is
        shown in (riders/h)²: the run's standardised MSE times σ².
        """,
        """
        ## 训练一个 ReLU 的和

        场景 ReluFitTraining：y = b + Σᵢ cᵢ max(0, bᵢ + wᵢ x₁)，8 个 ReLU，x₁ 是一天中的小时，用普通的梯度下降
        （η = 0.1，5000 个全批量回合）最小化 MSE。损失以 (人/小时)² 显示：训练时的标准化 MSE 乘以 σ²。
        """,
    ),
    code(
        """
        from mathcore.cache import get_or_train, model_for, training_data
        from scenes.relu.relu_fit import STRIP_COUNTS, ReluFitTraining, relu_sum_of
        from scenes.relu.relu_fit import run_config as relu_config

        RELU = {p.name: p.default for p in ReluFitTraining.PARAMS}  # the scene's own settings


        def relu_run(n_relus):
            \"\"\"ReluFitTraining's run with `n_relus` ReLUs: its config, the recorded run and the trained model.\"\"\"
            config = relu_config(n_relus, RELU["lr"], RELU["epochs"], RELU["seed"], RELU["optimizer"], RELU["dataset"])
            run = get_or_train(config)  # trained once, then read from the cache
            model = model_for(config)
            model.set_theta(run.final_theta)
            return config, run, model


        def plot_relu_fit(model, title):
            meta = data.meta
            grid = np.linspace(data.X.min(), data.X.max(), 400)
            shape = relu_sum_of(model, model.theta)
            fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 4.6), sharex=True, height_ratios=(2, 1))
            top.scatter(data.X[:, 0] * meta["x_std"] + meta["x_mean"], data.y * SIGMA + MU, s=6, color="grey")
            top.plot(grid * meta["x_std"] + meta["x_mean"], shape(grid) * SIGMA + MU, color="red", lw=2.5)
            top.axhline(0, color="black", lw=0.5)
            top.set_ylabel(t("relu_fit.unit.bikeshare"))
            top.set_title(title)
            bottom.plot(grid * meta["x_std"] + meta["x_mean"], shape.terms(grid), lw=1)
            bottom.set_xlabel(t("depth.x.bikeshare.cycle"))
            plt.show()


        config8, run8, model8 = relu_run(RELU["n_relus"])
        data = training_data(config8)
        MU, SIGMA = data.meta["y_mean"], data.meta["y_std"]
        plot_relu_fit(model8, t("relu_fit.title", n=RELU["n_relus"]))
        strip = {n: relu_run(n)[1].train_loss[-1] * SIGMA**2 for n in STRIP_COUNTS}
        print(t("relu_fit.strip_title", unit=t("relu_fit.unit.bikeshare")))
        print("   ".join(f"{t('relu_fit.strip_n', n=n)}: {loss:,.0f}" for n, loss in strip.items()))
        print(say("model_bias.loss", loss=fits.line_mse), "|", say("model_bias.floor", floor=fits.floor_mse))
        """
    ),
    md(
        """
        ### Exercise 2: the number of ReLUs

        Change `N_RELUS` (1 to 64) and run the two cells again. Same data, same η, same epochs,
        same seed as the scene: only the number of ReLUs changes.
        """,
        """
        ### 练习 2：ReLU 的个数

        修改 `N_RELUS`（1 到 64），再运行下面两个单元格。数据、η、回合数和随机种子都和场景相同：只改变 ReLU 的个数。
        """,
    ),
    code(
        """
        N_RELUS = 4  # <- change me

        config_you, run_you, model_you = relu_run(N_RELUS)
        loss_you = run_you.train_loss[-1] * SIGMA**2
        plot_relu_fit(model_you, f"{t('relu_fit.title', n=N_RELUS)}: L = {loss_you:,.0f}")
        """
    ),
    code(
        """
        # Check: the loss again from the model's own outputs, its corners, and where it lies between the references.
        from mathcore.pieces import model_pieces

        again = np.mean((model_you.forward(data.X) - data.y) ** 2) * SIGMA**2
        assert np.isclose(again, loss_you), (again, loss_you)
        assert loss_you >= fits.floor_mse * (1 - 1e-9), "no function of the hour gets below the floor"
        corners = model_pieces(model_you, float(data.X.min()), float(data.X.max())).output.breakpoints
        assert len(corners) <= N_RELUS
        default = strip.get(RELU["n_relus"], run8.train_loss[-1] * SIGMA**2)
        print(f"{t('relu_fit.strip_n', n=N_RELUS)}: L = {loss_you:,.0f} (riders/h)², checked from the model's outputs; "
              f"{len(corners)} corner{'s' * (len(corners) != 1)} inside the day (at most one per ReLU).")
        print(f"The best line: {fits.line_mse:,.0f}; the scene's {RELU['n_relus']} ReLUs: {default:,.0f}; "
              f"the floor of any function of the hour: {fits.floor_mse:,.0f}.")
        if loss_you < fits.line_mse:
            print(f"So your ReLUs bend where the line cannot: {fits.line_mse - loss_you:,.0f} below the line, "
                  f"{loss_you - fits.floor_mse:,.0f} above the floor.")
        else:
            print("Your network is no better than the best straight line: too few ReLUs, or they are 0 at every "
                  "hour (then their gradient is 0 and gradient descent never moves them).")
        if N_RELUS < RELU["n_relus"]:
            print(f"Fewer ReLUs than the scene's {RELU['n_relus']}, fewer corners to bend with: your loss is "
                  + ("higher, as expected." if loss_you > default else "lower all the same: a lucky start."))
        elif N_RELUS > RELU["n_relus"]:
            print(f"More ReLUs than the scene's {RELU['n_relus']} can bend in more places: your loss is "
                  + ("lower, as in the scene's strip." if loss_you < default else "not lower: from one random "
                     "start gradient descent need not find the lowest loss (LocalMinima)."))
        """,
        """
        # 检查：用模型自己的输出重算损失，数一数转折点，再看它落在几个参照值之间的哪里。
        from mathcore.pieces import model_pieces

        again = np.mean((model_you.forward(data.X) - data.y) ** 2) * SIGMA**2
        assert np.isclose(again, loss_you), (again, loss_you)
        assert loss_you >= fits.floor_mse * (1 - 1e-9), "任何只用几点钟作输入的函数都不会低于下限"
        corners = model_pieces(model_you, float(data.X.min()), float(data.X.max())).output.breakpoints
        assert len(corners) <= N_RELUS
        default = strip.get(RELU["n_relus"], run8.train_loss[-1] * SIGMA**2)
        print(f"{t('relu_fit.strip_n', n=N_RELUS)}：L = {loss_you:,.0f} (人/小时)²，已用模型的输出核对；"
              f"一天之内有 {len(corners)} 个转折点（每个 ReLU 最多一个）。")
        print(f"最好的直线：{fits.line_mse:,.0f}；场景的 {RELU['n_relus']} 个 ReLU：{default:,.0f}；"
              f"任何只用几点钟的函数的下限：{fits.floor_mse:,.0f}。")
        if loss_you < fits.line_mse:
            print(f"所以你的 ReLU 在直线弯不过去的地方弯了：比直线低 {fits.line_mse - loss_you:,.0f}，"
                  f"比下限高 {loss_you - fits.floor_mse:,.0f}。")
        else:
            print("你的网络并不比最好的直线好：ReLU 太少，或者它们在每个小时都是 0"
                  "（那样它们的梯度是 0，梯度下降永远不会移动它们）。")
        if N_RELUS < RELU["n_relus"]:
            print(f"ReLU 比场景的 {RELU['n_relus']} 个少，能转弯的地方也少：你的损失"
                  + ("更高，和预期一样。" if loss_you > default else "反而更低：起点运气好。"))
        elif N_RELUS > RELU["n_relus"]:
            print(f"ReLU 比场景的 {RELU['n_relus']} 个多，能在更多地方转弯：你的损失"
                  + ("更低，和场景里那一排结果一样。" if loss_you < default else "没有更低：从一个随机起点出发，"
                     "梯度下降不一定找到最低的损失（LocalMinima）。"))
        """,
    ),
]

DEPTH = [
    md(
        """
        ## More layers: deep learning

        Feed the ReLUs' outputs into another layer: a = ReLU(b + W x), a′ = ReLU(b′ + W′ a), …
        The scene LayersStacking trains networks of 1 to 4 hidden layers of 5 ReLUs (Adam, η = 0.01,
        2000 full-batch epochs) on the same hours, and counts the exact linear pieces of each output.
        """,
        """
        ## 更多的层：深度学习

        把 ReLU 的输出再送进下一层：a = ReLU(b + W x)，a′ = ReLU(b′ + W′ a)，……场景 LayersStacking 在同样的
        小时数据上训练 1 到 4 个隐藏层、每层 5 个 ReLU 的网络（Adam，η = 0.01，2000 个全批量回合），
        并精确地数出每个输出有几段直线。
        """,
    ),
    code(
        """
        from types import SimpleNamespace

        from scenes.deep.depth import LayersStacking
        from scenes.trained_networks import trained_model

        LAYERS = {p.name: p.default for p in LayersStacking.PARAMS}  # the scene's own settings


        def depth_run(depth):
            \"\"\"LayersStacking's network of `depth` hidden layers (the scene's config), trained, and its pieces.\"\"\"
            model, run = trained_model(LayersStacking.config(SimpleNamespace(param=LAYERS.__getitem__), depth))
            return model, run, model_pieces(model, float(data.X.min()), float(data.X.max()))


        grid = np.linspace(data.X.min(), data.X.max(), 600)
        hour_of = lambda x: x * data.meta["x_std"] + data.meta["x_mean"]  # standardised x̃ -> hour of day
        plt.scatter(hour_of(data.X[:, 0]), data.y * SIGMA + MU, s=5, color="grey")
        depth_loss = {}
        for depth in range(1, LAYERS["max_layers"] + 1):
            model, run, pieces = depth_run(depth)
            depth_loss[depth] = run.train_loss[-1] * SIGMA**2
            key = "depth.stack.fit_one" if depth == 1 else "depth.stack.fit_many"
            label = f"{t(key, d=depth, n=pieces.output.n_pieces)}; L = {depth_loss[depth]:,.0f}"
            plt.plot(hour_of(grid), model.forward(grid[:, None]) * SIGMA + MU, lw=2, label=label)
        plt.xlabel(t("depth.x.bikeshare.cycle"))
        plt.ylabel(t("relu_fit.unit.bikeshare"))
        plt.legend(fontsize=8)
        plt.show()
        """
    ),
    md(
        """
        ### Exercise 3: the number of layers

        Change `DEPTH` (1 to 6) and run the two cells again: the same 5 ReLUs per layer, the same training.
        """,
        """
        ### 练习 3：层数

        修改 `DEPTH`（1 到 6），再运行下面两个单元格：每层还是 5 个 ReLU，训练方式不变。
        """,
    ),
    code(
        """
        DEPTH = 3  # <- change me

        model_d, run_d, pieces_d = depth_run(DEPTH)
        loss_d = run_d.train_loss[-1] * SIGMA**2
        plt.scatter(hour_of(data.X[:, 0]), data.y * SIGMA + MU, s=5, color="grey")
        plt.plot(hour_of(grid), model_d.forward(grid[:, None]) * SIGMA + MU, color="red", lw=2)
        corners_d = pieces_d.output.breakpoints
        plt.plot(hour_of(corners_d), pieces_d.output.curve(corners_d) * SIGMA + MU, "ko", ms=4)
        plt.xlabel(t("depth.x.bikeshare.cycle"))
        plt.title(f"DEPTH = {DEPTH}: {t('depth.stack.pieces', n=pieces_d.output.n_pieces)}, L = {loss_d:,.0f}")
        plt.show()
        """
    ),
    code(
        """
        # Check: the output is straight between the corners model_pieces found, and it bends at each of them.
        knots = np.concatenate([[data.X.min()], pieces_d.output.breakpoints, [data.X.max()]])
        y_of = lambda x: model_d.forward(np.atleast_1d(x)[:, None])
        for left, right in zip(knots[:-1], knots[1:]):
            inside = np.linspace(left, right, 7)[1:-1]
            straight = y_of(left) + (y_of(right) - y_of(left)) * (inside - left) / (right - left)
            assert np.allclose(y_of(inside), straight, atol=1e-9), "a piece is not straight"
        assert np.all(np.diff(pieces_d.output.slopes) != 0), "the output bends at every corner"
        one_layer = depth_loss[1]
        key = "depth.stack.fit_one" if DEPTH == 1 else "depth.stack.fit_many"
        print(f"{t(key, d=DEPTH, n=pieces_d.output.n_pieces)} over the day ({LAYERS['width']} per layer; checked: "
              f"straight between its corners), training loss L = {loss_d:,.0f} (riders/h)².")
        if DEPTH > 1:
            better = "did" if loss_d < one_layer else "did not"
            print(f"1 layer: L = {one_layer:,.0f}. More layers {better} fit the "
                  "training hours better here. The pieces need not grow with every layer: a layer bends only "
                  "where one of its ReLUs crosses 0 inside the day.")
        """,
        """
        # 检查：在 model_pieces 找到的转折点之间，输出是直的；在每个转折点处它都会转弯。
        knots = np.concatenate([[data.X.min()], pieces_d.output.breakpoints, [data.X.max()]])
        y_of = lambda x: model_d.forward(np.atleast_1d(x)[:, None])
        for left, right in zip(knots[:-1], knots[1:]):
            inside = np.linspace(left, right, 7)[1:-1]
            straight = y_of(left) + (y_of(right) - y_of(left)) * (inside - left) / (right - left)
            assert np.allclose(y_of(inside), straight, atol=1e-9), "有一段不是直的"
        assert np.all(np.diff(pieces_d.output.slopes) != 0), "the output bends at every corner"
        one_layer = depth_loss[1]
        key = "depth.stack.fit_one" if DEPTH == 1 else "depth.stack.fit_many"
        print(f"{t(key, d=DEPTH, n=pieces_d.output.n_pieces)}（一天之内；每层 {LAYERS['width']} 个 ReLU；"
              f"已核对：转折点之间是直的），训练损失 L = {loss_d:,.0f} (人/小时)²。")
        if DEPTH > 1:
            better = "确实" if loss_d < one_layer else "没有"
            print(f"1 层：L = {one_layer:,.0f}。这里更多的层{better}更好地拟合训练数据。"
                  "段数不一定每加一层就增加：一层只在它的某个 ReLU 于一天之内穿过 0 的地方转弯。")
        """,
    ),
]
